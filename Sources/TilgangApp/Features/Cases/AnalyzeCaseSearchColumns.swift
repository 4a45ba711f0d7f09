import Fluent
import SQLKit
import Vapor

/// `ANALYZE cases` on PostgreSQL, for the statistics of the lower-cased columns that `AddCaseSearchIndex`'s trigram
/// indexes cover; PostgreSQL gathers those with ANALYZE, not when the index is made. Without them it guessed that a
/// common term matches two cases, read every match through the indexes and sorted them (10–14 ms a department
/// head's search for a medicine in 2 500 of 20 000 cases, a tenth of ten years); with them it walks the
/// newest-first index to the page's end (2 ms). A deployment that made the indexes on a full table would otherwise
/// wait for autovacuum. SQLite keeps no such statistics (its search reads the FTS5 table).
struct AnalyzeCaseSearchColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ANALYZE cases").run()
    }

    /// Statistics are not undone; the next ANALYZE replaces them.
    func revert(on database: any Database) async throws {}
}
