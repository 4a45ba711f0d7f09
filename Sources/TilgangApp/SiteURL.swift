import RoutingKit

/// Every path of the site, used by routes, links and tests so they cannot drift apart.
enum SiteURL {
    static let home = "/"
    static let healthz = "healthz"
    static let pathwayPage = "ordning"
    static let apiRoot: [PathComponent] = ["api", "v1"]

    enum API {
        static let pathway = "pathway"
        static let catalogue = "catalogue"
        static let catalogueImport = "import"
        static let openAPI = "openapi.json"
    }

    /// Absolute path of a page, for links in views.
    static func absolute(_ path: String) -> String { "/" + path }
}
