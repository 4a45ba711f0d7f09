import Fluent
import SQLKit
import Vapor

/// Trigram indexes for the exemption desk's search (reference, prescriber, medicine; `ExemptionService.page`) on
/// PostgreSQL. Without them PostgreSQL guessed that `lower(…) LIKE '%…%'` matches a few dozen rows, read the whole
/// table and sorted it (105 ms on a tenth of ten years for a medicine in 14 000 of 260 000 exemptions); with them
/// it also keeps statistics of the lower-cased columns, so a common term walks `exemptions_newest` to the page's
/// end (1.9 ms) and a rare one reads just its rows through the index (0.05 ms). SQLite already walks the
/// `created_at` index in order and stops at the page's end (bench/scale: 2 ms on ten years), so nothing is
/// added there.
struct AddExemptionSearchIndex: AsyncMigration {
    static let postgresIndexes: [(name: String, column: String)] = [
        ("exemptions_reference_trgm", "reference"), ("exemptions_prescriber_trgm", "prescriber_name"),
        ("exemptions_medicine_trgm", "medicine_name"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        guard sql.dialect.name == "postgresql" else { return }
        try await SQLIndexes.createTrigram(on: "exemptions", Self.postgresIndexes, sql: sql)
        // The statistics of the lower-cased columns come with ANALYZE, not with the index: until autovacuum got
        // to it, PostgreSQL read every match of a common term through the new indexes and sorted them (21 ms of
        // its CPU a search on the tenth, against 2 ms after ANALYZE).
        try await sql.raw("ANALYZE exemptions").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        guard sql.dialect.name == "postgresql" else { return }
        try await SQLIndexes.dropTrigram(Self.postgresIndexes, sql: sql)
    }
}
