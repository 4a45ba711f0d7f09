struct SitesContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let sites: [ProductionSiteDTO]
}
