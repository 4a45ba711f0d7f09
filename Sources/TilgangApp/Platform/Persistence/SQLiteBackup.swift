import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Backup and restore of the SQLite database. PostgreSQL is backed up with its own tools (`pg_dump -Fc`,
/// `pg_restore --clean`; docs/operations.md), which take consistent snapshots of a running server.
enum SQLiteBackup {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes a consistent copy of the live database to `target` with `VACUUM INTO`, which reads one snapshot
    /// while the server goes on serving (WAL). The target must not exist, so no backup is ever overwritten.
    static func backup(_ database: any Database, to target: String) async throws {
        guard !FileManager.default.fileExists(atPath: target) else {
            throw Failure(description: "«\(target)» finnes allerede; velg et nytt filnavn")
        }
        guard let sql = database as? any SQLDatabase else { throw Failure(description: "ingen SQL-database") }
        try await sql.raw("VACUUM INTO \(bind: target)").run()
    }

    /// Replaces the database file at `path` with the backup at `source`, after checking that the backup is a
    /// whole Tilgang database. Run it with the server stopped: the old file is kept beside it as `.before-restore`.
    static func restore(from source: String, to path: String, check: (String) async throws -> Void) async throws {
        guard FileManager.default.fileExists(atPath: source) else {
            throw Failure(description: "fant ikke sikkerhetskopien «\(source)»")
        }
        let staging = path + ".restoring"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.copyItem(atPath: source, toPath: staging)
        do {
            try await check(staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        let kept = path + ".before-restore"
        try? FileManager.default.removeItem(atPath: kept)
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.moveItem(atPath: path, toPath: kept) }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        // rename(2) is atomic: the path holds either the old database or the whole backup.
        guard rename(staging, path) == 0 else { throw Failure(description: "kunne ikke flytte kopien på plass") }
    }
}
