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
        return try await render(req, entries: nil, requests: [], error: nil)
    }

    @Sendable
    func lookup(req: Request) async throws -> View {
        do {
            let nin = try req.content.decode(AccessLogLookup.self).nin()
            let user = try req.user
            let entries = try await req.accessLog.entries(for: nin, requestedBy: user)
            let requests = try await req.accessLog.accessRequests(for: nin, requestedBy: user, clock: req.clock)
            return try await render(req, entries: entries, requests: requests, error: nil)
        } catch let failure as ValidationFailure {
            return try await render(req, entries: nil, requests: [], error: failure.errors.first?.message)
        }
    }

    private func render(
        _ req: Request, entries: [AccessLogService.Entry]?, requests: [AccessRequestDTO], error: String?
    ) async throws -> View {
        try await req.view.render(
            "audit/access",
            AccessLogContext(
                title: "Innsyn i logg", currentUser: UserView(try req.user), csrf: CSRF.token(for: req), error: error,
                searched: entries != nil,
                entries: (entries ?? []).map {
                    .init(
                        at: OsloTime.dateTime($0.at), actor: $0.actor, role: $0.role, organisation: $0.organisation,
                        action: AccessLogContext.actionTitle($0.action, accessRequest: $0.accessRequest),
                        caseNumber: $0.caseNumber ?? "")
                }, requests: requests.map(AccessRequestsContext.Row.init)))
    }
}
