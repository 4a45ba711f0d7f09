import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

struct DeviationDTO: Content {
    let id: UUID
    let trust: String
    let reportedBy: String
    let category: String
    let categoryTitle: String
    let description: String
    let caseReference: String?
    let createdAt: Date?
}
