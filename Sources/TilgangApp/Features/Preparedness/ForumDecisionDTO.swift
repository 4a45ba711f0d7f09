import Foundation
import Vapor

struct ForumDecisionDTO: Content {
    let id: UUID
    let kind: String
    let kindTitle: String
    let medicineId: String
    let medicineName: String
    let shortageId: UUID?
    let site: String
    let quantity: String?
    let decidedOn: String
    let note: String
    let recordedBy: String
}
