import Foundation
import SQLKit

/// Exemptions counted by year, species, kind and state, kept on write: the desk's figures for a year and the
/// statistics page's applications per year counted rows on every view, 260,000 a year and 2.6 million in all
/// at national volume (bench/scale). Each insert and each change of state adds
/// to and takes from these counters in the same transaction as the row itself, so they never disagree with it;
/// the migration that made the table counted the rows there were (`CreateExemptionYearCounts`). Rows are never
/// deleted (retention clears their texts), so nothing else changes a count.
struct ExemptionYearCounts {
    static let table = "exemption_year_counts"

    let sql: any SQLDatabase

    /// The year of a reference: `DMP-2026-000012` and `NOT-2026-000003` both hold it after their prefix.
    static func year(ofReference reference: String) -> Int? {
        Int(reference.dropFirst(4).prefix(4))
    }

    struct Row: Sendable {
        let year: Int
        let species: String
        let kind: String
        let state: String
        let count: Int
    }

    /// A new exemption.
    func added(reference: String, species: String, kind: String, state: String) async throws {
        guard let year = Self.year(ofReference: reference) else { return }
        try await add(1, year: year, species: species, kind: kind, state: state)
    }

    /// An exemption moved from one state to another.
    func moved(reference: String, species: String, kind: String, from: String, to: String) async throws {
        guard from != to, let year = Self.year(ofReference: reference) else { return }
        try await add(-1, year: year, species: species, kind: kind, state: from)
        try await add(1, year: year, species: species, kind: kind, state: to)
    }

    /// Every count, or one year's (counts down to none left out).
    func rows(year: Int? = nil) async throws -> [Row] {
        var query: SQLQueryString = "SELECT year, species, kind, state, n FROM \(unsafeRaw: Self.table) WHERE n <> 0"
        if let year { query += " AND year = \(bind: year)" }
        return try await sql.raw(query).all().map {
            Row(
                year: try $0.decode(column: "year", as: Int.self),
                species: try $0.decode(column: "species", as: String.self),
                kind: try $0.decode(column: "kind", as: String.self),
                state: try $0.decode(column: "state", as: String.self),
                count: try $0.decode(column: "n", as: Int.self))
        }
    }

    /// One statement, atomic on both databases, so two servers counting at once never lose a count.
    private func add(_ delta: Int, year: Int, species: String, kind: String, state: String) async throws {
        let query: SQLQueryString = """
            INSERT INTO \(unsafeRaw: Self.table) (year, species, kind, state, n) \
            VALUES (\(bind: year), \(bind: species), \(bind: kind), \(bind: state), \(bind: delta)) \
            ON CONFLICT (year, species, kind, state) DO UPDATE SET n = \(unsafeRaw: Self.table).n + excluded.n
            """
        try await sql.raw(query).run()
    }
}
