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

    /// Who may read a backup or a restored database: its owner only. It holds patient data.
    static let fileMode: mode_t = 0o600

    /// Writes a consistent copy of the live database to `target` with `VACUUM INTO`, which reads one snapshot
    /// while the server goes on serving (WAL). The target must not exist, so no backup is ever overwritten.
    static func backup(_ database: any Database, to target: String) async throws {
        guard let sql = database as? any SQLDatabase else { throw Failure(description: "ingen SQL-database") }
        // SQLite would create the file with 0644 (less the umask): readable by every user of the machine. Create
        // it empty with 0600 first, which VACUUM INTO accepts; O_EXCL also makes "must not exist" race-free.
        try createEmptyPrivateFile(at: target)
        do {
            try await sql.raw("VACUUM INTO \(bind: target)").run()
        } catch {
            unlink(target)
            throw error
        }
    }

    /// Creates `path` empty with mode 0600, failing if anything is there already.
    static func createEmptyPrivateFile(at path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw Failure(description: "«\(path)» finnes allerede; velg et nytt filnavn") }
            throw Failure(description: "kunne ikke opprette «\(path)»: \(String(cString: strerror(errno)))")
        }
        // The umask may take bits away from the mode passed to open(2), never add them; fchmod makes it exact.
        defer { close(descriptor) }
        guard fchmod(descriptor, fileMode) == 0 else {
            unlink(path)
            throw Failure(description: "kunne ikke sette tilgangen til «\(path)»")
        }
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
        // The restored database holds patient data: owner only, whatever mode the backup file had.
        guard chmod(staging, fileMode) == 0 else {
            try? FileManager.default.removeItem(atPath: staging)
            throw Failure(description: "kunne ikke sette tilgangen til «\(staging)»")
        }
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
