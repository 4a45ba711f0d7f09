import TilgangDomain

/// Who may see and change the preparedness register. It holds no patient data; analysts of the forum keep it,
/// and the agency and hospital pharmacies read it to plan.
enum PreparednessAccess {
    static let readers: Set<Role> = [.preparednessAnalyst, .agencyOfficer, .hospitalPharmacist]
    static let writers: Set<Role> = [.preparednessAnalyst]

    static func requireRead(_ user: AuthenticatedUser) throws {
        guard readers.contains(user.role) else { throw PreparednessError.readForbidden }
    }

    static func requireWrite(_ user: AuthenticatedUser) throws {
        guard writers.contains(user.role) else { throw PreparednessError.forbidden }
    }

    static func mayWrite(_ user: AuthenticatedUser?) -> Bool { user.map { writers.contains($0.role) } ?? false }
}
