import Fluent
import SQLKit

/// Browser sessions by the SHA-256 digest of their id (`HashedSessionDriver`), with the user and the times that
/// bound them; and the old clear-text session table emptied, so that no backup taken from now on holds a live
/// session id.
struct CreateWebSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebSessionStore.table)
            .field("id_digest", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("user_id", .uuid)
            .field("created_at", .double, .required)
            .field("last_seen_at", .double, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX web_sessions_user ON web_sessions (user_id)").run()
        try await sql.raw("DELETE FROM _fluent_sessions").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebSessionStore.table).delete()
    }
}
