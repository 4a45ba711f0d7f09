import Foundation
import TilgangDomain
import Vapor

/// An action at the desk or by the applicant.
struct ExemptionActionInput: Content {
    var action: String?
    var professionalSoundness: String?
    var documentationLevel: String?
    var risk: String?
    var alternatives: String?
    var followUpAbility: String?
    var reasons: String?
    var grounds: String?
    var note: String?
    var allowed: Bool?
    /// The officer has seen the near-identical-reasons warning and keeps the text.
    var acknowledgeSimilarity: Bool?

    func parse() throws -> ExemptionAction {
        switch action {
        case "assess":
            return .assess(
                ExemptionAssessment(
                    professionalSoundness: professionalSoundness ?? "", documentationLevel: documentationLevel ?? "",
                    risk: risk ?? "", alternatives: alternatives ?? "", followUpAbility: followUpAbility ?? ""))
        case "approve": return .approve(reasons: reasons ?? "")
        case "refuse": return .refuse(reasons: reasons ?? "")
        case "appeal": return .appeal(grounds: grounds ?? "")
        case "forward_to_ministry": return .forwardToMinistry(note: note ?? "")
        case "record_ministry_outcome":
            guard let allowed else {
                throw ValidationFailure(field: "allowed", message: "oppgi om klagen ble tatt til følge")
            }
            return .recordMinistryOutcome(allowed: allowed, note: note ?? "")
        default:
            throw ValidationFailure(
                field: "action",
                message: "bruk assess, approve, refuse, appeal, forward_to_ministry eller record_ministry_outcome")
        }
    }
}
