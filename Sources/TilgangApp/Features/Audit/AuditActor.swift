import TilgangDomain

/// Who did something, as the audit log records it.
struct AuditActor: Sendable {
    let id: String
    let role: String
    let trust: String

    init(_ user: AuthenticatedUser) {
        id = user.username
        role = user.role.rawValue
        trust = user.organisation
    }

    init(id: String, role: String, trust: String) {
        self.id = id
        self.role = role
        self.trust = trust
    }
}
