struct SiteContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let site: ProductionSiteDTO
    let kinds: [SelectOption]
    let licences: [SelectOption]
    let capacities: [SelectOption]
    let locations: String
    let dosageForms: String
    let errors: [String: String]
    let message: String?
}
