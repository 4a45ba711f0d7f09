import Vapor

/// The administrator's user API (`/api/v1/users`): list, create, deactivate, reactivate and reset password, all
/// within the administrator's own organisation.
struct UserAdminAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users").grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        users.get(use: list)
        users.post(use: create)
        users.post(":id", "actions", use: change)
    }

    @Sendable
    func list(req: Request) async throws -> [UserAdminService.UserDTO] {
        try await req.userAdmin.list(by: try req.user)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let created = try await req.userAdmin.create(
            try req.content.decode(UserAdminService.NewUser.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func change(req: Request) async throws -> UserAdminService.UserDTO {
        try await req.userAdmin.change(
            try Self.userID(req), try req.content.decode(UserAdminService.Change.self), by: try req.user)
    }

    static func userID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw Abort(.notFound, reason: "Fant ingen slik bruker i din organisasjon.")
        }
        return id
    }
}
