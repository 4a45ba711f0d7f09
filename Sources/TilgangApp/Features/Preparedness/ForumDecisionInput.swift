import Foundation
import Vapor

struct ForumDecisionInput: Content {
    var kind: String?
    var medicineId: String?
    var shortageId: UUID?
    var site: String?
    var quantity: String?
    var decidedOn: String?
    var note: String?
}
