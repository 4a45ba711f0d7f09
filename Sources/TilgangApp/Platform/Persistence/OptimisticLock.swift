import Fluent
import SQLKit
import Vapor

/// The optimistic lock of the preparedness records: moves `version` on only while it is still what the editor
/// saw, in the caller's transaction, so a concurrent save gets 409 instead of silently overwriting.
enum OptimisticLock {
    static func advance(_ schema: String, id: UUID, from expected: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let changed = try await sql.update(schema).set("version", to: expected + 1)
            .where("id", .equal, id).where("version", .equal, expected).returning("version").all()
        guard changed.count == 1 else {
            let current = try await sql.select().column("version").from(schema).where("id", .equal, id).first()
            throw PreparednessError.versionConflict(
                current: (try? current?.decode(column: "version", as: Int.self)) ?? expected)
        }
    }
}
