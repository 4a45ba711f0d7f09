import Vapor

/// Access to earlier applications over the API (bearer token): ask, list, grant, refuse, revoke, and list the
/// cases a grant opens. The identity number travels in the body only; the cases themselves are read through
/// `GET /api/v1/cases/{id}`, which honours the grant.
struct AccessRequestAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let requests = routes.grouped("access-requests")
            .grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        requests.post(use: create)
        requests.get(use: list)
        requests.post(":id", "grant", use: grant)
        requests.post(":id", "refuse", use: refuse)
        requests.post(":id", "revoke", use: revoke)
        requests.get(":id", "cases", use: cases)
    }

    /// The user's own requests and those they may decide.
    struct Lists: Content {
        let mine: [AccessRequestDTO]
        let toDecide: [AccessRequestDTO]
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let created = try await req.accessRequests.request(
            try req.content.decode(AccessRequestInput.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func list(req: Request) async throws -> Lists {
        let user = try req.user
        return Lists(
            mine: try await req.accessRequests.mine(user), toDecide: try await req.accessRequests.toDecide(user))
    }

    @Sendable
    func grant(req: Request) async throws -> AccessRequestDTO {
        try await req.accessRequests.grant(
            try Self.id(req), try Self.decision(req), by: try req.user)
    }

    @Sendable
    func refuse(req: Request) async throws -> AccessRequestDTO {
        try await req.accessRequests.refuse(try Self.id(req), try Self.decision(req), by: try req.user)
    }

    @Sendable
    func revoke(req: Request) async throws -> AccessRequestDTO {
        try await req.accessRequests.revoke(try Self.id(req), try Self.decision(req), by: try req.user)
    }

    @Sendable
    func cases(req: Request) async throws -> [CaseSummaryDTO] {
        try await req.accessRequests.cases(under: try Self.id(req), for: try req.user)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AccessRequestError.notFound }
        return id
    }

    /// The decision's body; an empty body is a decision with the defaults.
    static func decision(_ req: Request) throws -> AccessDecisionInput {
        guard let body = req.body.data, body.readableBytes > 0 else { return AccessDecisionInput() }
        return try req.content.decode(AccessDecisionInput.self)
    }
}
