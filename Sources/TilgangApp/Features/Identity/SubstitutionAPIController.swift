import Vapor

/// Stand-ins over the API (`/api/v1/substitutions`): a leader names who acts in their role while they are away,
/// lists them and revokes them.
struct SubstitutionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("substitutions")
            .grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        group.post(use: create)
        group.get(use: list)
        group.delete(":id", use: revoke)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let created = try await req.substitutions.create(
            try req.content.decode(SubstitutionService.Input.self), by: try req.user, today: req.clock.today)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func list(req: Request) async throws -> [SubstitutionService.Output] {
        try await req.substitutions.current(of: try req.user, today: req.clock.today)
    }

    @Sendable
    func revoke(req: Request) async throws -> HTTPStatus {
        try await req.substitutions.revoke(try Self.id(req), by: try req.user)
        return .noContent
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw Abort(.notFound, reason: "Fant ingen slik stedfortreder.")
        }
        return id
    }
}
