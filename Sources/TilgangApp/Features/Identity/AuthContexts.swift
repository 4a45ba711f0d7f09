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

struct LoginPageContext: Encodable {
    let title: String
    let csrf: String
    let error: String?
    let username: String
    let next: String
}

struct MyPageContext: Encodable {
    struct StandIn: Encodable {
        let id: String
        let name: String
        let username: String
        let from: String
        let to: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let isLeader: Bool
    let message: String?
    let standIns: [StandIn]
    /// «Fagansvarlig leder eller Seksjonsoverlege»: who may stand in for this user.
    let eligibleRoles: String
    let maximumDays: Int
    /// Live browser sessions of this user, this one included.
    let sessionCount: Int
}
