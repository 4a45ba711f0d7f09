import Vapor

/// «Varsler»: the signed-in user's notices of case steps.
struct NoticePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) })
        pages.get(SiteURL.notices, use: list)
    }

    @Sendable
    func list(req: Request) async throws -> View {
        let user = try req.user
        let notices = try await req.notices.recent(for: user.id)
        return try await req.view.render(
            "notices/list",
            NoticesContext(
                title: "Varsler", currentUser: UserView(user), notices: notices.map(NoticesContext.row),
                waiting: try await req.notices.unreadWaitingCount(for: user.id)))
    }
}
