import TilgangDomain
import Vapor

/// «Statistikk» over the API (`/api/v1/statistics`): the agency's tables from stored extract aggregates as JSON.
/// Only aggregates leave: no patient ids are stored, and patient counts of 1–4 show as "<5".
struct StatisticsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let stats = routes.grouped("statistics")
        stats.get("report", use: report)
        stats.get("followed", use: followed)
        stats.get("applications", use: applications)
    }

    @Sendable
    func report(req: Request) async throws -> Response {
        let (year, species, atc, top) = try req.query.decode(StatisticsQuery.self)
            .filters(years: try await req.statistics.years())
        guard let year else { throw Abort(.notFound, reason: "Ingen uttrekk er importert ennå.") }
        let report = try await req.statistics.report(year: year, species: species, atcPrefix: atc, top: top)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: ReportJSON.render(report)))
    }

    @Sendable
    func followed(req: Request) async throws -> [FollowedSeriesDTO] { try await req.statistics.followed() }

    @Sendable
    func applications(req: Request) async throws -> [ApplicationsPerYearDTO] {
        try await req.statistics.applicationsPerYear()
    }
}
