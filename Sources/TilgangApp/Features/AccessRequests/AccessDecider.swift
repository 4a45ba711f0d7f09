import TilgangDomain

/// One way a user can decide on access requests: in their own role, or standing in for a department head today.
struct AccessDecider: Sendable {
    let user: AuthenticatedUser
    /// The leader stood in for; nil in the user's own role.
    let principal: AuthenticatedUser?

    var policy: AccessRequestPolicy.Decider {
        let role = principal ?? user
        return AccessRequestPolicy.Decider(
            personID: user.id.uuidString, principalID: principal?.id.uuidString, role: role.role,
            trust: role.organisation, department: role.departmentCode)
    }
}
