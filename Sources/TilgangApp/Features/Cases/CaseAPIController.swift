import TilgangDomain
import Vapor

/// Applications over the API (bearer token): create, work lists, read, act with `If-Match` and `Idempotency-Key`.
struct CaseAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("cases").grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        cases.post(use: create)
        cases.get(use: list)
        cases.get(":id", use: show)
        cases.put(":id", use: amend)
        cases.post(":id", "revisions", use: revise)
        cases.post(":id", "actions", use: act)
        cases.get(":id", "archive", use: archive)
    }

    /// The archive copy for the archive system (Public 360): the whole case as one JSON document.
    struct ArchiveCopy: Content {
        var format = "tilgang-archive-copy"
        var formatVersion = 1
        let producedAt: Date
        let caseRecord: CaseDTO
    }

    @Sendable
    func archive(req: Request) async throws -> ArchiveCopy {
        ArchiveCopy(
            producedAt: req.clock.now, caseRecord: try await req.cases.read(try Self.caseID(req), by: try req.user))
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let user = try req.user
        let input = try req.content.decode(CaseDraftInput.self)
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let created = try await req.cases.create(input, by: user, today: req.clock.today)
            return (await VersionedResponse.make(created, status: .created, for: req), created.id)
        }
    }

    struct ListQuery: Content {
        var list: String?
        var q: String?
        var state: String?
        var from: String?
        var to: String?
        var sort: String?
        var limit: Int?
        var offset: Int?
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let query = try req.query.decode(ListQuery.self)
        guard let list = CaseService.WorkList(rawValue: query.list ?? "todo") else {
            throw ValidationFailure(field: "list", message: "bruk todo, unit eller decided")
        }
        let search = try CaseSearch(
            text: query.q, state: query.state, from: query.from, to: query.to, sort: query.sort)
        let paging = try CasePaging(limit: query.limit, offset: query.offset)
        return try await req.cases.list(list, matching: search, page: paging, for: try req.user).cases.jsonResponse()
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let dto = try await req.cases.read(try Self.caseID(req), by: try req.user)
        return await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        let user = try req.user
        let id = try Self.caseID(req)
        let input = try req.content.decode(CaseActionInput.self)
        guard let version = Self.version(fromIfMatch: req.headers.first(name: .ifMatch)) else {
            throw CaseError.missingVersion
        }
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let updated = try await req.cases.act(input, on: id, expectedVersion: version, by: user)
            return (await VersionedResponse.make(updated, status: .ok, for: req), id)
        }
    }

    /// The applicant changes the application while it is with them (draft, returned, more information asked
    /// for), with `If-Match`.
    @Sendable
    func amend(req: Request) async throws -> Response {
        let user = try req.user
        let id = try Self.caseID(req)
        let input = try req.content.decode(CaseDraftInput.self)
        guard let version = Self.version(fromIfMatch: req.headers.first(name: .ifMatch)) else {
            throw CaseError.missingVersion
        }
        let updated = try await req.cases.amend(input, on: id, expectedVersion: version, by: user)
        return await VersionedResponse.make(updated, status: .ok, for: req)
    }

    /// A refused application revised into a new linked draft (201 with the draft).
    @Sendable
    func revise(req: Request) async throws -> Response {
        let user = try req.user
        let id = try Self.caseID(req)
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let created = try await req.cases.revise(id, by: user)
            return (await VersionedResponse.make(created, status: .created, for: req), created.id)
        }
    }

    /// The case as it is now, read (and audited) like any other read: what a replayed request answers.
    static func current(_ id: UUID, _ req: Request) async throws -> Response {
        await VersionedResponse.make(try await req.cases.read(id, by: try req.user), status: .ok, for: req)
    }

    static func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw CaseError.notFound }
        return id
    }

    /// Accepts `"3"`, `W/"3"` and `3`.
    static func version(fromIfMatch header: String?) -> Int? {
        guard let header else { return nil }
        return Int(
            header.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
    }

}
