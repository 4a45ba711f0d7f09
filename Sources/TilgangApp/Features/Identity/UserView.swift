import TilgangDomain

/// The signed-in user as pages show them.
struct UserView: Encodable {
    let username: String
    let displayName: String
    let role: String
    let roleTitle: String
    let organisation: String
    let department: String?

    init(_ user: AuthenticatedUser) {
        username = user.username
        displayName = user.displayName
        role = user.role.rawValue
        roleTitle = user.role.title
        organisation = user.organisation
        department = user.departmentCode
    }
}
