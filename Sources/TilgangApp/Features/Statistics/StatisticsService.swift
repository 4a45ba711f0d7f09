import Fluent
import Foundation
import SQLKit
import TilgangDomain
import TilgangPersistence
import Vapor

/// Imports extracts as aggregates and answers the statistics pages from them.
struct StatisticsService {
    let database: any Database
    let cache: StatisticsCache

    struct ImportResult {
        let years: [Int]
        let groups: Int
    }

    /// Reads the whole extract first (a bad row stops here and nothing changes), then replaces the stored
    /// aggregates of the extract's years in one transaction.
    func importExtract(_ path: String, progress: (Int) -> Void = { _ in }) throws -> ExtractAggregates {
        var aggregates = ExtractAggregates()
        var seen = 0
        _ = try ExtractFile.read(path) { row in
            aggregates.add(row)
            seen += 1
            if seen % 1_000_000 == 0 { progress(seen) }
        }
        return aggregates
    }

    func store(_ aggregates: ExtractAggregates) async throws -> ImportResult {
        let years = Set(aggregates.groups.keys.map(\.year)).union(aggregates.followed.values.flatMap(\.keys))
        try await database.writeTransaction { db in
            for year in years {
                try await StatGroupModel.query(on: db).filter(\.$year == year).delete()
                try await StatProductsModel.query(on: db).filter(\.$year == year).delete()
                try await StatFollowedModel.query(on: db).filter(\.$year == year).delete()
            }
            var batch: [StatGroupModel] = []
            for (key, group) in aggregates.groups {
                let model = StatGroupModel()
                model.year = key.year
                model.species = Self.name(key.species)
                model.atc = key.atc.description
                model.substance = group.substance
                model.dispensings = group.dispensings
                model.packagesMilli = group.packagesMilli
                model.dddMilli = group.dddMilli
                model.hasDDD = group.hasDDD
                model.marker = Int(group.marker.rawValue)
                model.patients = group.patients
                batch.append(model)
                if batch.count == 500 {
                    try await batch.create(on: db)
                    batch.removeAll()
                }
            }
            if !batch.isEmpty { try await batch.create(on: db) }
            for key in aggregates.yearsAndSpecies {
                let model = StatProductsModel()
                model.year = key.year
                model.species = Self.name(key.species)
                model.distinctProducts = aggregates.distinctProducts(year: key.year, species: key.species)
                try await model.create(on: db)
            }
            // In batches, as the groups: one insert a row was most of a ten-year import (15 800 rows).
            var followed: [StatFollowedModel] = []
            for (series, perYear) in aggregates.followed {
                for (year, count) in perYear {
                    let model = StatFollowedModel()
                    model.atc = series.atc.description
                    model.productNumber = series.product.map(Int.init)
                    model.label = aggregates.seriesLabels[series] ?? series.atc.description
                    model.year = year
                    model.patients = count
                    model.species = Self.name(series.species)
                    followed.append(model)
                    if followed.count == 500 {
                        try await followed.create(on: db)
                        followed.removeAll()
                    }
                }
            }
            if !followed.isEmpty { try await followed.create(on: db) }
        }
        cache.removeAll()
        return ImportResult(years: years.sorted(), groups: aggregates.groups.count)
    }

    static func name(_ species: ExtractRow.Species) -> String { species == .human ? "human" : "animal" }

    func years() async throws -> [Int] {
        try await cache.years.value(for: 0) { [database] in try await Self.years(database) }
    }

    private static func years(_ database: any Database) async throws -> [Int] {
        Array(Set(try await StatProductsModel.query(on: database).all().map(\.year))).sorted(by: >)
    }

    /// The table for a year and species, optionally only ATC codes starting with `atcPrefix`.
    func report(year: Int, species: ExtractRow.Species, atcPrefix: String?, top: Int) async throws
        -> UnregisteredReport
    {
        let key = StatisticsCache.ReportKey(year: year, species: species, atcPrefix: atcPrefix, top: top)
        return try await cache.reports.value(for: key) { [database] in
            try await Self.report(database, year: year, species: species, atcPrefix: atcPrefix, top: top)
        }
    }

    private static func report(
        _ database: any Database, year: Int, species: ExtractRow.Species, atcPrefix: String?, top: Int
    ) async throws -> UnregisteredReport {
        // Rows read by name (`ResultRow`), not as models: Fluent's reading of a model's fields was most of the
        // page's CPU with a year's national extract imported (about 750 groups a year and species).
        guard let sql = database as? any SQLDatabase else {
            return UnregisteredReport.make(
                year: year, species: species, groups: [:], distinctProducts: 0, top: top)
        }
        var query: SQLQueryString = """
            SELECT atc, substance, dispensings, packages_milli, ddd_milli, has_ddd, marker, patients \
            FROM stat_groups WHERE year = \(bind: year) AND species = \(bind: Self.name(species))
            """
        if let atcPrefix, !atcPrefix.isEmpty { query += " AND atc LIKE \(bind: atcPrefix.uppercased() + "%")" }
        var groups: [ATCKey: AggregateGroup] = [:]
        for row in try await sql.resultRows(query) {
            guard let key = ATCKey(try row.value("atc", as: String.self)) else { continue }
            var group = AggregateGroup()
            group.dispensings = try row.value("dispensings")
            group.packagesMilli = Int64(try row.value("packages_milli", as: Int.self))
            group.dddMilli = Int64(try row.value("ddd_milli", as: Int.self))
            group.hasDDD = try row.value("has_ddd")
            group.marker = ExtractRow.Marker(rawValue: UInt8(clamping: try row.value("marker", as: Int.self))) ?? .none
            group.substance = try row.value("substance")
            group.patients = try row.value("patients")
            groups[key] = group
        }
        let products =
            try await StatProductsModel.query(on: database).filter(\.$year == year)
            .filter(\.$species == Self.name(species)).first()?.distinctProducts ?? 0
        return UnregisteredReport.make(
            year: year, species: species, groups: groups, distinctProducts: products, top: top)
    }

    /// Every followed series with its patients per year as stored, each species apart. Only for `FollowedTable`
    /// and `followed()`, which let counts leave through `SmallNumbers`.
    func followedSeries() async throws -> [FollowedTable.Series] {
        try await cache.followedSeries.value(for: 0) { [database] in try await Self.followedSeries(database) }
    }

    private static func followedSeries(_ database: any Database) async throws -> [FollowedTable.Series] {
        guard let sql = database as? any SQLDatabase else { return [] }
        // Read by name, not as models (see `report`); ten years of a national extract are some 15 000 rows.
        let rows = try await sql.resultRows(
            SQLQueryString(
                "SELECT atc, product_number, label, year, patients, species FROM stat_followed "
                    + "WHERE species IS NOT NULL"))
        struct Stored {
            let atc: String
            let productNumber: Int?
            let label: String
            let year: Int
            let patients: Int
            let species: String
        }
        let stored = try rows.map { row in
            Stored(
                atc: try row.value("atc"), productNumber: try row.value("product_number"),
                label: try row.value("label"), year: try row.value("year"), patients: try row.value("patients"),
                species: try row.value("species"))
        }
        let grouped = Dictionary(grouping: stored) {
            "\($0.species)|\($0.atc)|\($0.productNumber.map(String.init) ?? "")"
        }
        return grouped.values.compactMap { series -> FollowedTable.Series? in
            guard let first = series.first else { return nil }
            return FollowedTable.Series(
                atc: first.atc, productNumber: first.productNumber,
                species: first.species == "animal" ? .animal : .human, label: first.label,
                patients: Dictionary(series.map { ($0.year, $0.patients) }, uniquingKeysWith: { a, _ in a }))
        }.sorted {
            ($0.species.rawValue, $0.atc, $0.productNumber ?? -1) < (
                $1.species.rawValue, $1.atc, $1.productNumber ?? -1
            )
        }
    }

    /// One species' followed table at one page, products not yet named; nil when the species has no series. Kept
    /// with the series: ordering and paging some 1 600 series was most of the page's CPU once they were cached.
    func followedTable(_ species: ExtractRow.Species, page: Int) async throws -> FollowedTable? {
        let make = { @Sendable (series: [FollowedTable.Series]) -> FollowedTable? in
            let own = series.filter { $0.species == species }
            var first = Int.max
            var last = Int.min
            for s in own {
                for year in s.patients.keys {
                    first = min(first, year)
                    last = max(last, year)
                }
            }
            guard first <= last else { return nil }
            return FollowedTable.make(own, years: Array(first...last), page: page)
        }
        return try await cache.followedTables.value(for: .init(species: species, page: page)) { [self] in
            make(try await followedSeries())
        }
    }

    func followed() async throws -> [FollowedSeriesDTO] {
        try await followedSeries().map { s in
            FollowedSeriesDTO(
                atc: s.atc, productNumber: s.productNumber, species: Self.name(s.species), label: s.label,
                patients: Dictionary(
                    s.patients.map { (String($0.key), SmallNumbers.display($0.value)) }, uniquingKeysWith: { a, _ in a }
                ))
        }
    }

    /// Catalogue names of the given product numbers (varenumre), for the products a page shows.
    func productNames(_ numbers: [Int]) async throws -> [Int: String] {
        guard !numbers.isEmpty else { return [:] }
        let models = try await MedicineModel.query(on: database)
            .filter(
                \.$productNumber ~~ numbers.flatMap { [String?](arrayLiteral: String($0), String(format: "%06d", $0)) }
            )
            .all()
        var names: [Int: String] = [:]
        for model in models {
            guard let number = model.productNumber.flatMap({ Int($0) }) else { continue }
            names[number] = [model.name, model.strength].compactMap { $0 }.joined(separator: " ")
        }
        return names
    }

    /// Tilgang's own applications per year and species, counted as Tables 1 and 5 count them.
    func applicationsPerYear() async throws -> [ApplicationsPerYearDTO] {
        // Kept on write (ExemptionYearCounts): ten years are 2.6 million exemptions (bench/scale), which this page
        // read whole on every view, and then counted in one GROUP BY over them all.
        guard let sql = database as? any SQLDatabase else { return [] }
        var counts: [String: ApplicationCounts] = [:]
        for row in try await ExemptionYearCounts(sql: sql).rows() {
            guard let kind = ExemptionKind(rawValue: row.kind), let state = ExemptionState(rawValue: row.state)
            else { continue }
            counts["\(row.year)|\(row.species)", default: ApplicationCounts()].add(
                kind: kind, state: state, count: row.count)
        }
        return counts.map { key, value in
            let parts = key.split(separator: "|")
            return ApplicationsPerYearDTO(
                year: Int(parts[0]) ?? 0, species: String(parts[1]), received: ReportedCount(people: value.received),
                agencyDecided: ReportedCount(people: value.decided),
                notifications: ReportedCount(people: value.notifications))
        }.sorted { ($0.year, $0.species) < ($1.year, $1.species) }
    }
}

extension Request {
    var statistics: StatisticsService { StatisticsService(database: db, cache: application.statisticsCache) }
}

extension Application {
    var statistics: StatisticsService { StatisticsService(database: db, cache: statisticsCache) }
}
