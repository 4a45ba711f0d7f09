import TilgangDomain

/// Why a user may read a case: their role (`CaseAccess`, which also decides every action) or a department head's
/// grant of access to earlier applications (issue 19), which reads and never acts.
enum CaseReadAccess: Sendable {
    case role
    case grant(AccessGrant)

    /// The audit row's detail: a read under a grant names it.
    var auditDetail: String {
        switch self {
        case .role: ""
        case .grant(let grant): "grant=\(grant.id)"
        }
    }

    var grant: AccessGrant? {
        if case .grant(let grant) = self { return grant }
        return nil
    }
}
