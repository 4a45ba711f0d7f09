import Foundation
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

    /// The followed medicines as CSV: one line per series and species, one column per year, small numbers as "<5".
    @Sendable
    func followedCSV(req: Request) async throws -> Response {
        let series = try await req.statistics.followed()
        let years = Array(Set(series.flatMap(\.patients.keys))).sorted()
        var lines = [(["atc_code", "product_number", "species", "label"] + years).joined(separator: ",")]
        for s in series {
            lines.append(
                ([
                    ExtractCSV.field(s.atc), s.productNumber.map(String.init) ?? "", s.species,
                    ExtractCSV.field(s.label),
                ]
                    + years.map { s.patients[$0] ?? "0" }).joined(separator: ","))
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "fulgte-legemidler.csv")
        return Response(status: .ok, headers: headers, body: .init(string: lines.joined(separator: "\n") + "\n"))
    }

    static func speciesName(_ species: ExtractRow.Species) -> String { species == .human ? "human" : "animal" }

    /// The page's query parameter for the followed table's page of a species.
    static func pageParameter(_ species: ExtractRow.Species) -> String {
        species == .human ? "side-mennesker" : "side-dyr"
    }

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
            error = failure.errors.map { "\(FieldLabels.label($0.field)): \($0.message)" }.joined(separator: "; ")
        }
        var params: [(String, String)] = [("species", Self.speciesName(filters.1))]
        if let year = filters.0 { params.append(("year", String(year))) }
        if let atc = filters.2 { params.append(("atc", atc)) }
        let pages = [ExtractRow.Species.human, .animal].map { species in
            (species, max(1, req.query[Int.self, at: Self.pageParameter(species)] ?? 1))
        }
        let followed = try await followedSections(req, params: params, pages: pages)
        let applications = try await req.statistics.applicationsPerYear()
        let human = applications.filter { $0.species == "human" }
        let animal = applications.filter { $0.species == "animal" }
        let bars = report.map(StatisticsContext.bars) ?? []
        let measure = filters.1 == .human ? "pakninger" : "utleveringer"
        let published = filters.0.flatMap { PublishedTables.top(year: $0, species: filters.1) }
        return try await req.view.render(
            "statistics/index",
            StatisticsContext(
                title: "Statistikk", currentUser: req.auth.get(AuthenticatedUser.self).map(UserView.init),
                years: years.map { SelectOption(value: String($0), label: String($0), selected: $0 == filters.0) },
                species: [("human", "Mennesker"), ("animal", "Dyr")].map {
                    SelectOption(value: $0.0, label: $0.1, selected: $0.0 == Self.speciesName(filters.1))
                }, atc: filters.2 ?? "", report: report.map(StatisticsContext.ReportView.init),
                speciesName: filters.1 == .human ? "mennesker" : "dyr",
                csvLink: "/statistikk.csv?" + Self.query(params),
                bars: StatisticsHTML.bars(bars, measure: measure), chartHeight: max(24, bars.count * 24),
                measure: measure,
                publishedTop: published.map(PublishedTableView.of),
                topTables: PublishedTables.all.compactMap { table in
                    guard let year = table.year, let species = table.species else { return nil }
                    return StatisticsContext.TableLink(
                        number: table.number,
                        label: "Tabell \(table.number): \(year), \(species == .human ? "mennesker" : "dyr")",
                        href: "/statistikk?"
                            + Self.query([("year", String(year)), ("species", Self.speciesName(species))]),
                        current: table.number == published?.number)
                }, followed: followed, cannabis: PublishedTables.table(3).map(PublishedTableView.of),
                applications: StatisticsHTML.applications(human: human, animal: animal),
                hasApplications: !human.isEmpty || !animal.isEmpty,
                publishedHumanApplications: PublishedTables.table(1).map(PublishedTableView.of),
                publishedAnimalApplications: PublishedTables.table(5).map(PublishedTableView.of), error: error))
    }

    /// The followed medicines per species: years as columns, products named from the catalogue where their
    /// product number is in it, each species' table paged on its own.
    private func followedSections(
        _ req: Request, params: [(String, String)], pages: [(ExtractRow.Species, Int)]
    ) async throws -> [FollowedSection] {
        var sections: [FollowedSection] = []
        for (species, page) in pages {
            guard var table = try await req.statistics.followedTable(species, page: page) else { continue }
            let names = try await req.statistics.productNames(table.rows.compactMap(\.productNumber))
            table = table.naming { row in
                guard let number = row.productNumber else { return row.label }
                return names[number] ?? "\(row.label), varenr. \(String(format: "%06d", number))"
            }
            let others = pages.filter { $0.0 != species }.map { (Self.pageParameter($0.0), String($0.1)) }
            sections.append(
                FollowedSection(species: species, table: table) { target in
                    "/statistikk?" + Self.query(params + others + [(Self.pageParameter(species), String(target))])
                        + "#followed-\(Self.speciesName(species))"
                })
        }
        return sections
    }

    /// `a=1&b=2`, values percent-encoded.
    static func query(_ params: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return params.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
