struct UserAdminContext: Encodable {
    struct Input: Encodable {
        let username: String
        let displayName: String
        let hprNumber: String
        let email: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let message: String?
    let users: [UserAdminService.UserDTO]
    let roles: [SelectOption]
    let departments: [SelectOption]
    let input: Input
    let errors: [String: String]
    /// People signed in with HelseID for the first time, waiting for a role.
    let pending: [HelseIDRegistrationService.Pending]
}
