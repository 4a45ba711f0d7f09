import TilgangDomain
import Vapor

/// Approval exemptions over the API: apply, notify (pharmacy), desk lists and counts, read, act with `If-Match`.
struct ExemptionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let authed = routes.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        let exemptions = authed.grouped("exemptions")
        exemptions.post(use: apply)
        exemptions.get(use: list)
        exemptions.get("counts", use: counts)
        exemptions.get("export.csv", use: export)
        exemptions.get(":id", use: show)
        exemptions.post(":id", "actions", use: act)
        exemptions.get(":id", "decision-letter", use: decisionLetter)
        authed.post("notifications", use: notify)
    }

    @Sendable
    func apply(req: Request) async throws -> Response {
        let user = try req.user
        let input = try req.content.decode(ExemptionInput.self)
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let created = try await req.exemptions.apply(input, by: user, today: req.clock.today, cases: req.cases)
            return (try await VersionedResponse.make(created, status: .created, for: req), created.id)
        }
    }

    @Sendable
    func notify(req: Request) async throws -> Response {
        let user = try req.user
        let input = try req.content.decode(ExemptionInput.self)
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let created = try await req.exemptions.notify(input, by: user, today: req.clock.today)
            return (try await VersionedResponse.make(created, status: .created, for: req), created.id)
        }
    }

    struct ListQuery: Content {
        var list: String?
        var year: Int?
    }

    @Sendable
    func list(req: Request) async throws -> Response {
        let (list, filter) = try Self.listAndFilter(req)
        let rows = try await req.exemptions.page(list, matching: filter, for: try req.user, today: req.clock.today)
        return rows.jsonResponse()
    }

    /// The same list as CSV, every matching row (no paging).
    @Sendable
    func export(req: Request) async throws -> Response {
        var (list, filter) = try Self.listAndFilter(req)
        filter.offset = 0
        filter.limit = Int.max
        let rows = filter.page(try await req.exemptions.list(list, for: try req.user, today: req.clock.today))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "godkjenningsfritak-\(list.rawValue).csv")
        return Response(status: .ok, headers: headers, body: .init(string: ExemptionQueueCSV.render(rows)))
    }

    static func listAndFilter(_ req: Request) throws -> (ExemptionService.DeskList, ExemptionQueueFilter) {
        let query = try req.query.decode(ListQuery.self)
        guard let list = ExemptionService.DeskList(rawValue: query.list ?? "todo") else {
            throw ValidationFailure(field: "list", message: "bruk todo, all eller decided")
        }
        return (list, try ExemptionQueueFilter(try req.query.decode(ExemptionQueueFilter.Query.self)))
    }

    @Sendable
    func counts(req: Request) async throws -> ExemptionCountsDTO {
        let year = try req.query.decode(ListQuery.self).year ?? req.clock.today.year
        return try await req.exemptions.counts(year: year, by: try req.user)
    }

    @Sendable
    func show(req: Request) async throws -> Response {
        let dto = try await req.exemptions.read(try Self.id(req), by: try req.user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        let user = try req.user
        let id = try Self.id(req)
        let input = try req.content.decode(ExemptionActionInput.self)
        guard let version = CaseAPIController.version(fromIfMatch: req.headers.first(name: .ifMatch)) else {
            throw CaseError.missingVersion
        }
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let updated = try await req.exemptions.act(
                input, on: id, expectedVersion: version, by: user, today: req.clock.today)
            return (try await VersionedResponse.make(updated, status: .ok, for: req), id)
        }
    }

    /// The exemption as it is now, read (and audited) like any other read: what a replayed request answers.
    static func current(_ id: UUID, _ req: Request) async throws -> Response {
        let dto = try await req.exemptions.read(id, by: try req.user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func decisionLetter(req: Request) async throws -> DecisionLetter {
        try await req.exemptions.decisionLetter(try Self.id(req), by: try req.user, today: req.clock.today)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw CaseError.notFound }
        return id
    }

}
