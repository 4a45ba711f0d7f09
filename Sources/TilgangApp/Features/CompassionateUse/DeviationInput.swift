import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

struct DeviationInput: Content {
    var category: String?
    var description: String?
    var caseReference: String?
}
