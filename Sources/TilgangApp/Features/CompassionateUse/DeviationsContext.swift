struct DeviationsContext: Encodable {
    struct Row: Encodable {
        let d: DeviationDTO
        let created: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    /// Only a trust's employees report deviations; others get no form.
    let mayReport: Bool
    let mayList: Bool
    let deviations: [Row]
    let categories: [SelectOption]
    let message: String?
    let errors: [String: String]
}
