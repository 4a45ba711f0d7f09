import TilgangDomain
import Vapor

/// «Innsyn i logg» as a page (`/innsyn`): who has read a patient's cases. The identity number travels in the
/// form's body, never in a URL, so it does not end up in access logs.
struct AccessLogPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(SiteURL.accessLog, use: page)
        pages.post(SiteURL.accessLog, use: lookup)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let user = try req.user
        guard user.role == .administrator else { throw CaseError.forbidden }
        return try await render(req, entries: nil, error: nil)
    }

    @Sendable
    func lookup(req: Request) async throws -> View {
        do {
            let nin = try req.content.decode(AccessLogLookup.self).nin()
            return try await render(
                req, entries: try await req.accessLog.entries(for: nin, requestedBy: try req.user), error: nil)
        } catch let failure as ValidationFailure {
            return try await render(req, entries: nil, error: failure.errors.first?.message)
        }
    }

    private func render(_ req: Request, entries: [AccessLogService.Entry]?, error: String?) async throws -> View {
        try await req.view.render(
            "audit/access",
            AccessLogContext(
                title: "Innsyn i logg", currentUser: UserView(try req.user), csrf: CSRF.token(for: req), error: error,
                searched: entries != nil,
                entries: (entries ?? []).map {
                    .init(
                        at: OsloTime.dateTime($0.at), actor: $0.actor, role: $0.role, organisation: $0.organisation,
                        action: AccessLogContext.actionTitle($0.action), caseNumber: $0.caseNumber ?? "")
                }))
    }
}

struct AccessLogContext: Encodable {
    struct Row: Encodable {
        let at: String
        let actor: String
        let role: String
        let organisation: String
        let action: String
        let caseNumber: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let error: String?
    let searched: Bool
    let entries: [Row]

    static func actionTitle(_ action: String) -> String {
        switch action {
        case "case.read": "Leste saken"
        case "case.create": "Opprettet saken"
        case "patient.access_log": "Slo opp innsynsloggen"
        default: action.hasPrefix("case.") ? "Behandlet saken (\(action.dropFirst(5)))" : action
        }
    }
}
