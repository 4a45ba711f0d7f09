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
