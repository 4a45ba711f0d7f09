import TilgangDomain
import Vapor

/// The preparedness register as JSON under `/api/v1/preparedness` (bearer token). Everyone who may read the
/// register reads; only preparedness analysts change it.
struct PreparednessAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            .grouped("preparedness")
        api.get("critical-medicines", use: ranking)
        api.post("critical-medicines", use: add)
        api.get("critical-medicines", ":medicineId", use: entry)
        api.put("critical-medicines", ":medicineId", "assessment", use: assess)
        api.get("weights", use: weights)
        api.put("weights", use: setWeights)
        api.get("shortages", use: shortages)
        api.post("shortages", use: recordShortage)
        api.get("shortages", ":id", use: shortage)
        api.put("shortages", ":id", use: updateShortage)
        api.post("shortages", ":id", "produced", use: recordProduced)
        api.get("produced", use: produced)
        api.put("produced", ":id", use: updateProduced)
        api.get("sites", use: sites)
        api.on(.POST, "sites", "import", body: .collect(maxSize: "1mb"), use: importSites)
        api.get("sites", ":id", use: site)
        api.put("sites", ":id", use: updateSite)
        api.get("stock", use: stock)
        api.post("stock", use: addStock)
        api.get("proposals", ":medicineId", use: proposal)
        api.get("decisions", use: decisions)
        api.post("decisions", use: recordDecision)
    }

    /// Reads need a reader's role; the services check writes themselves.
    static func reader(_ req: Request) throws -> AuthenticatedUser {
        let user = try req.user
        try PreparednessAccess.requireRead(user)
        return user
    }

    static func version(_ req: Request) throws -> Int {
        guard let version = CaseAPIController.version(fromIfMatch: req.headers.first(name: .ifMatch)) else {
            throw PreparednessError.missingVersion
        }
        return version
    }

    static func uuid(_ req: Request, _ what: String) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw PreparednessError.notFound(what) }
        return id
    }

    static func medicineID(_ req: Request) -> String { req.parameters.get("medicineId") ?? "" }

    // MARK: - Critical medicines

    @Sendable
    func ranking(req: Request) async throws -> [CriticalMedicineDTO] {
        _ = try Self.reader(req)
        return try await req.criticalMedicines.ranking(today: req.clock.today)
    }

    @Sendable
    func add(req: Request) async throws -> Response {
        let dto = try await req.criticalMedicines.add(
            try req.content.decode(AddCriticalMedicineInput.self), by: try req.user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .created, for: req)
    }

    @Sendable
    func entry(req: Request) async throws -> Response {
        _ = try Self.reader(req)
        let dto = try await req.criticalMedicines.entry(Self.medicineID(req), today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func assess(req: Request) async throws -> Response {
        let user = try req.user
        try PreparednessAccess.requireWrite(user)
        let dto = try await req.criticalMedicines.assess(
            Self.medicineID(req), try req.content.decode(AssessmentInput.self), expectedVersion: try Self.version(req),
            by: user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func weights(req: Request) async throws -> WeightsDTO {
        _ = try Self.reader(req)
        return try await req.criticalMedicines.weightsDTO()
    }

    @Sendable
    func setWeights(req: Request) async throws -> WeightsDTO {
        try await req.criticalMedicines.setWeights(try req.content.decode([String: Int].self), by: try req.user)
    }

    // MARK: - Shortages and produced stock

    @Sendable
    func shortages(req: Request) async throws -> [ShortageDTO] {
        _ = try Self.reader(req)
        let activeOnly = req.query[Bool.self, at: "active"] ?? false
        return try await req.shortages.list(activeOn: activeOnly ? req.clock.today : nil, today: req.clock.today)
    }

    @Sendable
    func recordShortage(req: Request) async throws -> Response {
        let dto = try await req.shortages.record(
            try req.content.decode(ShortageInput.self), by: try req.user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .created, for: req)
    }

    @Sendable
    func shortage(req: Request) async throws -> Response {
        _ = try Self.reader(req)
        let dto = try await req.shortages.read(try Self.uuid(req, "mangelen"), today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func updateShortage(req: Request) async throws -> Response {
        let user = try req.user
        try PreparednessAccess.requireWrite(user)
        let dto = try await req.shortages.update(
            try Self.uuid(req, "mangelen"), try req.content.decode(ShortageInput.self),
            expectedVersion: try Self.version(req), by: user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func recordProduced(req: Request) async throws -> Response {
        let dto = try await req.shortages.recordProduced(
            try req.content.decode(ProducedBatchInput.self), for: try Self.uuid(req, "mangelen"), by: try req.user,
            today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .created, for: req)
    }

    @Sendable
    func produced(req: Request) async throws -> [ProducedBatchDTO] {
        _ = try Self.reader(req)
        return try await req.shortages.produced(today: req.clock.today)
    }

    @Sendable
    func updateProduced(req: Request) async throws -> Response {
        let user = try req.user
        try PreparednessAccess.requireWrite(user)
        let dto = try await req.shortages.updateProduced(
            try Self.uuid(req, "produksjonen"), try req.content.decode(ProducedBatchInput.self),
            expectedVersion: try Self.version(req), by: user, today: req.clock.today)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    // MARK: - Sites and stock

    @Sendable
    func sites(req: Request) async throws -> [ProductionSiteDTO] {
        _ = try Self.reader(req)
        return try await req.productionSites.sites()
    }

    /// The body is the CSV file itself (`text/csv`), checked whole before anything is stored.
    @Sendable
    func importSites(req: Request) async throws -> SiteImportResult {
        let user = try req.user
        try PreparednessAccess.requireWrite(user)
        guard let body = req.body.string else { throw ValidationFailure(field: "file", message: "filen er tom") }
        return try await req.productionSites.importSites(try ProductionSiteCSV.parse(body), by: AuditActor(user))
    }

    @Sendable
    func site(req: Request) async throws -> Response {
        _ = try Self.reader(req)
        let dto = try await req.productionSites.site(try Self.uuid(req, "produksjonsstedet"))
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func updateSite(req: Request) async throws -> Response {
        let user = try req.user
        try PreparednessAccess.requireWrite(user)
        let dto = try await req.productionSites.update(
            try Self.uuid(req, "produksjonsstedet"), try req.content.decode(ProductionSite.self),
            expectedVersion: try Self.version(req), by: user)
        return try await VersionedResponse.make(dto, status: .ok, for: req)
    }

    @Sendable
    func stock(req: Request) async throws -> [StockItemDTO] {
        _ = try Self.reader(req)
        return try await req.productionSites.stock(today: req.clock.today)
    }

    @Sendable
    func addStock(req: Request) async throws -> Response {
        let dto = try await req.productionSites.addStock(
            try req.content.decode(StockInput.self), by: try req.user, today: req.clock.today)
        return try await dto.encodeResponse(status: .created, for: req)
    }

    // MARK: - Proposals and decisions

    @Sendable
    func proposal(req: Request) async throws -> ProposalDTO {
        _ = try Self.reader(req)
        return try await req.proposals.proposal(for: Self.medicineID(req), on: req.clock.today)
    }

    @Sendable
    func decisions(req: Request) async throws -> [ForumDecisionDTO] {
        _ = try Self.reader(req)
        return try await req.proposals.decisions()
    }

    @Sendable
    func recordDecision(req: Request) async throws -> Response {
        let dto = try await req.proposals.record(
            try req.content.decode(ForumDecisionInput.self), by: try req.user, today: req.clock.today)
        return try await dto.encodeResponse(status: .created, for: req)
    }
}
