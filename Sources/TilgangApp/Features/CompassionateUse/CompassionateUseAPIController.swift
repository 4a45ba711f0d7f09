import TilgangDomain
import Vapor

/// Compassionate use over the API (`/api/v1/cu-cases`, `/api/v1/cu-register`, `/api/v1/deviations`).
struct CompassionateUseAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let authed = routes.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        let cases = authed.grouped("cu-cases")
        cases.post(use: create)
        cases.get(use: list)
        cases.get(":id", use: show)
        cases.post(":id", "actions", use: act)
        cases.get(":id", "manufacturer-application", use: manufacturer)
        cases.put(":id", "manufacturer-text", use: manufacturerText)
        authed.get("cu-register", use: register)
        authed.post("deviations", use: report)
        authed.get("deviations", use: deviations)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let created = try await req.compassionateUse.create(try req.content.decode(CUCaseInput.self), by: try req.user)
        return try await VersionedResponse.make(created, status: .created, for: req)
    }

    @Sendable
    func list(req: Request) async throws -> [CUCaseDTO] {
        try await req.compassionateUse.list(for: try req.user)
    }

    /// The CU case as it is now, read (and audited) like any other read: what a replayed request answers.
    static func current(_ id: UUID, _ req: Request) async throws -> Response {
        try await VersionedResponse.make(
            try await req.compassionateUse.read(id, by: try req.user), status: .ok, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        try await VersionedResponse.make(
            try await req.compassionateUse.read(try Self.id(req), by: try req.user), status: .ok, for: req)
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        guard let version = CaseAPIController.version(fromIfMatch: req.headers.first(name: .ifMatch)) else {
            throw CaseError.missingVersion
        }
        let user = try req.user
        let input = try req.content.decode(CUActionInput.self)
        let id = try Self.id(req)
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let updated = try await req.compassionateUse.act(input, on: id, expectedVersion: version, by: user)
            return (try await VersionedResponse.make(updated, status: .ok, for: req), id)
        }
    }

    @Sendable
    func manufacturer(req: Request) async throws -> ManufacturerApplication {
        try await req.compassionateUse.manufacturerApplication(try Self.id(req), by: try req.user)
    }

    @Sendable
    func manufacturerText(req: Request) async throws -> HTTPStatus {
        try await req.compassionateUse.saveManufacturerText(
            try req.content.decode(CompassionateUseService.ManufacturerTextInput.self), on: try Self.id(req),
            by: try req.user)
        return .noContent
    }

    @Sendable
    func register(req: Request) async throws -> [CURegisterEntry] {
        try await req.compassionateUse.register()
    }

    @Sendable
    func report(req: Request) async throws -> Response {
        let created = try await req.compassionateUse.reportDeviation(
            try req.content.decode(DeviationInput.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func deviations(req: Request) async throws -> [DeviationDTO] {
        try await req.compassionateUse.deviations(for: try req.user)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw CaseError.notFound }
        return id
    }
}
