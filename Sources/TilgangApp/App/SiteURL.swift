import RoutingKit

/// Every path of the site, used by routes, links and tests so they cannot drift apart.
enum SiteURL {
    static let healthz: PathComponent = "healthz"
    static let ping: PathComponent = "ping"
    static let pathwayPage: PathComponent = "ordning"
    static let login: PathComponent = "logg-inn"
    static let logout: PathComponent = "logg-ut"
    static let myPage: PathComponent = "min-side"
    static let cases: PathComponent = "saker"
    static let accessLog: PathComponent = "innsyn"
    static let exemptions: PathComponent = "fritak"
    static let compassionateUse: PathComponent = "cu"
    static let deviations: PathComponent = "avvik"
    static let statistics: PathComponent = "statistikk"
    static let preparedness: PathComponent = "beredskap"
    static let admin: PathComponent = "admin"
    static let users: PathComponent = "brukere"
    static let apiRoot: [PathComponent] = ["api", "v1"]

    enum API {
        static let pathway: PathComponent = "pathway"
        static let catalogue: PathComponent = "catalogue"
        static let catalogueImport: PathComponent = "import"
        static let openAPI: PathComponent = "openapi.json"
    }

    /// Absolute path of a page, for links and redirects.
    static func absolute(_ path: PathComponent...) -> String { "/" + path.map(\.description).joined(separator: "/") }
}
