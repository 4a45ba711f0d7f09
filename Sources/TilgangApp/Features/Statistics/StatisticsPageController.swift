import TilgangDomain
import Vapor

/// «Statistikk» as a page (`/statistikk`) and CSV downloads: the agency's tables from stored extract aggregates.
/// Only aggregates leave: no patient ids are stored, and patient counts of 1–4 show as "<5".
struct StatisticsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(SessionUserAuthenticator())
        pages.get(SiteURL.statistics, use: page)
        pages.get("statistikk.csv", use: csv)
        pages.get("statistikk-fulgt.csv", use: followedCSV)
    }

    @Sendable
    func csv(req: Request) async throws -> Response {
        let (year, species, atc, top) = try req.query.decode(StatisticsQuery.self)
            .filters(years: try await req.statistics.years())
        guard let year else { throw Abort(.notFound, reason: "Ingen uttrekk er importert ennå.") }
        let report = try await req.statistics.report(year: year, species: species, atcPrefix: atc, top: top)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(
            .attachment, filename: "uregistrerte-\(year)-\(Self.speciesName(species)).csv")
        return Response(status: .ok, headers: headers, body: .init(string: ExtractCSV.table(report)))
    }

    /// The followed medicines as CSV: one line per series, one column per year, small numbers as "<5".
    @Sendable
    func followedCSV(req: Request) async throws -> Response {
        let series = try await req.statistics.followed()
        let years = Array(Set(series.flatMap(\.patients.keys))).sorted()
        var lines = [(["atc_code", "product_number", "label"] + years).joined(separator: ",")]
        for s in series {
            lines.append(
                ([ExtractCSV.field(s.atc), s.productNumber.map(String.init) ?? "", ExtractCSV.field(s.label)]
                    + years.map { s.patients[$0] ?? "0" }).joined(separator: ","))
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "fulgte-legemidler.csv")
        return Response(status: .ok, headers: headers, body: .init(string: lines.joined(separator: "\n") + "\n"))
    }

    static func speciesName(_ species: ExtractRow.Species) -> String { species == .human ? "human" : "animal" }

    @Sendable
    func page(req: Request) async throws -> View {
        let years = try await req.statistics.years()
        let query = try req.query.decode(StatisticsQuery.self)
        var error: String?
        var report: UnregisteredReport?
        var filters: (Int?, ExtractRow.Species, String?, Int) = (years.first, .human, nil, 50)
        do {
            filters = try query.filters(years: years)
            if let year = filters.0 {
                report = try await req.statistics.report(
                    year: year, species: filters.1, atcPrefix: filters.2, top: filters.3)
            }
        } catch let failure as ValidationFailure {
            error = failure.description
        }
        let followed = try await req.statistics.followed()
        let followedYears = Array(Set(followed.flatMap(\.patients.keys))).sorted()
        var link = "/statistikk.csv?species=\(Self.speciesName(filters.1))"
        if let year = filters.0 { link += "&year=\(year)" }
        if let atc = filters.2 { link += "&atc=\(atc)" }
        let bars = report.map(StatisticsContext.bars) ?? []
        return try await req.view.render(
            "statistics/index",
            StatisticsContext(
                title: "Statistikk", currentUser: req.auth.get(AuthenticatedUser.self).map(UserView.init),
                years: years.map { SelectOption(value: String($0), label: String($0), selected: $0 == filters.0) },
                species: [("human", "Mennesker"), ("animal", "Dyr")].map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == Self.speciesName(filters.1))
                }, atc: filters.2 ?? "", report: report, csvLink: link, bars: bars,
                chartHeight: max(24, bars.count * 24),
                measure: filters.1 == .human ? "pakninger" : "utleveringer", followed: followed,
                followedYears: followedYears, lines: StatisticsContext.lines(followed, years: followedYears),
                applications: try await req.statistics.applicationsPerYear(), error: error))
    }
}
