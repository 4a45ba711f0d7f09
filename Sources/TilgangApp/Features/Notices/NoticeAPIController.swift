import Vapor

/// The signed-in user's notices over the API (`/api/v1/notices`), as «Varsler» shows them.
struct NoticeAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("notices").grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            .get(use: list)
    }

    @Sendable
    func list(req: Request) async throws -> NoticeListDTO {
        let user = try req.user
        return NoticeListDTO(
            waiting: try await req.notices.unreadWaitingCount(for: user.id),
            notices: try await req.notices.recent(for: user.id).map(NoticeListDTO.notice))
    }
}
