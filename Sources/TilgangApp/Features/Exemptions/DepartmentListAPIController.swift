import Vapor

/// The simplified hospital routine over the API (`/api/v1/department-lists`): list, compile and sign a
/// department's list.
struct DepartmentListAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let lists = routes.grouped("department-lists")
            .grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        lists.get(use: list)
        lists.post(use: create)
        lists.post(":id", "sign", use: sign)
    }

    @Sendable
    func list(req: Request) async throws -> [DepartmentListDTO] {
        try await req.departmentLists.list(for: try req.user)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let created = try await req.departmentLists.create(
            try req.content.decode(DepartmentListInput.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func sign(req: Request) async throws -> DepartmentListDTO {
        try await req.departmentLists.sign(try Self.id(req), by: try req.user)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }
}
