import Foundation
import RoutingKit
import Vapor

/// Every path of the site, used by routes, links and tests so they cannot drift apart.
enum SiteURL {
    static let healthz: PathComponent = "healthz"
    static let ping: PathComponent = "ping"
    static let pathwayPage: PathComponent = "ordning"
    static let login: PathComponent = "logg-inn"
    static let logout: PathComponent = "logg-ut"
    static let myPage: PathComponent = "min-side"
    static let cases: PathComponent = "saker"
    static let notices: PathComponent = "varsler"
    static let attachments: PathComponent = "vedlegg"
    static let archivePackage: PathComponent = "arkivpakke"
    static let paperForm: PathComponent = "papirskjema"
    static let accessLog: PathComponent = "innsyn"
    static let accessRequests: PathComponent = "tidligere-soknader"
    static let exemptions: PathComponent = "fritak"
    static let compassionateUse: PathComponent = "cu"
    static let deviations: PathComponent = "avvik"
    static let statistics: PathComponent = "statistikk"
    static let preparedness: PathComponent = "beredskap"
    static let admin: PathComponent = "admin"
    static let users: PathComponent = "brukere"
    static let fest: PathComponent = "fest"
    static let festJob: PathComponent = "jobb"
    static let departmentLists: PathComponent = "avdelingslister"
    static let manufacturerApplication: PathComponent = "produsentsoknad"
    static let criticalMedicines: PathComponent = "legemidler"
    static let shortages: PathComponent = "mangler"
    static let sites: PathComponent = "steder"
    static let stock: PathComponent = "lager"
    static let apiRoot: [PathComponent] = ["api", "v1"]

    enum API {
        static let pathway: PathComponent = "pathway"
        static let catalogue: PathComponent = "catalogue"
        static let catalogueImport: PathComponent = "import"
        static let openAPI: PathComponent = "openapi.json"
    }

    /// Absolute path of a page, for links and redirects.
    static func absolute(_ path: PathComponent...) -> String { "/" + path.map(\.description).joined(separator: "/") }

    /// Absolute path of a page under `path` for a record: the record's id is percent-encoded, so no id can bend
    /// the path or reach a header as anything but one segment.
    static func record(_ path: PathComponent..., id: String, then rest: PathComponent...) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let segment = id.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return ([""] + path.map(\.description) + [segment] + rest.map(\.description)).joined(separator: "/")
    }

    /// The sign-in page that returns to `request`'s page afterwards (RedirectMiddleware's target).
    static func signIn(returningTo request: Request) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let next = request.url.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return absolute(login) + "?next=" + next
    }
}
