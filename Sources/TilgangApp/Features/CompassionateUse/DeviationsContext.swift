struct DeviationsContext: Encodable {
    struct Row: Encodable {
        let d: DeviationDTO
        let created: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let mayList: Bool
    let deviations: [Row]
    let categories: [SelectOption]
    let message: String?
    let errors: [String: String]
}
