import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// Case numbers and references such as `SI-2026-000123`, `DMP-2026-000012`, `CU-SI-2026-000004`: one more than
/// the highest number with the prefix; the column's unique index catches a concurrent twin.
enum ReferenceNumber {
    static func next<M: Model>(
        _ prefix: String, in field: KeyPath<M, FieldProperty<M, String>>, on db: any Database
    ) async throws -> String {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let column = M()[keyPath: field].key.description
        // A prefix match and one column: every submission runs this inside the write turn. Numbers are
        // zero-padded, so the highest sorts last.
        let query: SQLQueryString = """
            SELECT \(ident: column) AS latest FROM \(ident: M.schema) WHERE \(ident: column) LIKE \(bind: prefix + "%")
            ORDER BY \(ident: column) DESC LIMIT 1
            """
        let latest: String? = try await sql.resultRows(query).first?.value("latest")
        let number = latest.flatMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil } ?? 0
        return prefix + TextFormat.zeroPadded(number + 1, width: 6)
    }
}
