import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// Case numbers and references such as `SI-2026-000123`, `DMP-2026-000012`, `CU-SI-2026-000004`: one more than
/// the last number given with the prefix, from a counter per prefix (`reference_counters`) that the caller's
/// transaction moves on, so a rolled-back write gives its number back. The column's unique index still catches a
/// concurrent twin.
enum ReferenceNumber {
    static func next<M: Model>(
        _ prefix: String, in field: KeyPath<M, FieldProperty<M, String>>, on db: any Database
    ) async throws -> String {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let column = M()[keyPath: field].key.description
        let scope = "\(M.schema).\(column)"
        let counters = CreateReferenceCounters.schema
        let advanced: SQLQueryString = """
            UPDATE \(ident: counters) SET last_number = last_number + 1
            WHERE scope = \(bind: scope) AND prefix = \(bind: prefix) RETURNING last_number
            """
        if let row = try await sql.resultRows(advanced).first {
            return prefix + TextFormat.zeroPadded(try row.value("last_number", as: Int.self), width: 6)
        }
        // The prefix's first number here (a new year, or references given before the counters existed): one more
        // than the highest stored. Numbers are zero-padded, so the highest sorts last.
        let highest: SQLQueryString = """
            SELECT \(ident: column) AS latest FROM \(ident: M.schema) WHERE \(ident: column) LIKE \(bind: prefix + "%")
            ORDER BY \(ident: column) DESC LIMIT 1
            """
        let latest: String? = try await sql.resultRows(highest).first?.value("latest")
        let number = (latest.flatMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil } ?? 0) + 1
        try await sql.raw(
            """
            INSERT INTO \(ident: counters) (scope, prefix, last_number) \
            VALUES (\(bind: scope), \(bind: prefix), \(bind: number))
            """
        ).run()
        return prefix + TextFormat.zeroPadded(number, width: 6)
    }
}
