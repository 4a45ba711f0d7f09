import Vapor

/// `/saker/papirskjema`: the blank application form with a line for every step's assessment and signature, to
/// print when the portal is down (SPEC §5.8). Filled in by hand, it goes the same way as in Tilgang and is typed
/// in afterwards.
struct PaperFormPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) })
        pages.get(SiteURL.cases, SiteURL.paperForm, use: show)
    }

    @Sendable
    func show(req: Request) async throws -> View {
        let trusts = try await TrustModel.query(on: req.db).sort(\.$name).all().map { "\($0.name) (\($0.id ?? ""))" }
        return try await req.view.render(
            "cases/paper-form",
            PaperFormContext(
                title: "Papirskjema", currentUser: UserView(try req.user), printedAt: OsloTime.dateTime(req.clock.now),
                trusts: trusts, committeeLines: [1, 2, 3, 4, 5]))
    }
}
