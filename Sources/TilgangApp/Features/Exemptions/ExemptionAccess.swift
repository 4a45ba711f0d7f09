import TilgangDomain

/// Least privilege for exemptions: the applicant (or recording pharmacy) and the agency's officers. Trust
/// leaders see nothing here, and one trust never sees another's.
enum ExemptionAccess {
    static func mayRead(_ model: ExemptionModel, _ user: AuthenticatedUser) -> Bool {
        if model.submittedByID == user.id { return true }
        switch user.role {
        case .agencyOfficer: return true
        case .hospitalPharmacist:
            return model.kind == ExemptionKind.notification.rawValue
                && model.submittedByOrganisation == user.organisation
        default: return false
        }
    }
}
