import Foundation
import TilgangDomain

/// Least privilege for exemptions: the applicant (or recording pharmacy) and the agency's officers. Trust
/// leaders see nothing here, and one trust never sees another's.
enum ExemptionAccess {
    static func mayRead(_ model: ExemptionModel, _ user: AuthenticatedUser) -> Bool {
        mayRead(
            submittedBy: model.submittedByID, organisation: model.submittedByOrganisation, kind: model.kind, user)
    }

    static func mayRead(_ row: ExemptionListRow, _ user: AuthenticatedUser) -> Bool {
        mayRead(submittedBy: row.submittedByID, organisation: row.submittedByOrganisation, kind: row.kind, user)
    }

    private static func mayRead(
        submittedBy: UUID, organisation: String, kind: String, _ user: AuthenticatedUser
    ) -> Bool {
        if submittedBy == user.id { return true }
        switch user.role {
        case .agencyOfficer: return true
        case .hospitalPharmacist:
            return kind == ExemptionKind.notification.rawValue && organisation == user.organisation
        default: return false
        }
    }
}
