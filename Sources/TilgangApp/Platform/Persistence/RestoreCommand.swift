import Fluent
import FluentSQLiteDriver
import Foundation
import TilgangDomain
import Vapor

/// `tilgang restore FILE`: replaces the SQLite database with a backup, after checking it, then migrates it and
/// verifies its audit chain. Stop the server first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The backup to restore")
        var file: String
    }

    var help: String { "Gjenoppretter SQLite-databasen fra en sikkerhetskopi (stopp tjenesten først)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqlite(let path) = app.databaseLocation else {
            throw ValidationFailure(
                field: "DATABASE_URL", message: "PostgreSQL gjenopprettes med pg_restore (se docs/operations.md)")
        }
        let source = URL(fileURLWithPath: signature.file).standardizedFileURL.path
        try await SQLiteBackup.restore(from: source, to: path) { staged in
            _ = try await Self.counts(ofSQLiteFile: staged, app: app)
        }
        try await app.autoMigrate()
        let cases = try await CaseModel.query(on: app.db).count()
        let audit = try await app.auditLog.verify(on: app.db)
        guard case .intact(let rows) = audit else {
            throw SQLiteBackup.Failure(description: "revisjonsloggen i kopien er brutt: \(audit)")
        }
        context.console.print(
            "Databasen er gjenopprettet fra \(source): \(cases) saker, revisjonsloggen er hel (\(rows) rader). "
                + "Den gamle filen ligger i \(path).before-restore.")
    }

    /// Opens a database file on its own, checks it is whole and a Tilgang database, and counts what matters.
    ///
    /// One plain connection, closed with `await`, not a Fluent database registered for the purpose: removing that
    /// again (`Databases.reinitialize`) shuts its pool down with a blocking wait, and in the `tilgang` binary, where
    /// async code runs on the event loops (entrypoint.swift), that wait blocks the loop the pool needs to close
    /// on, so `backup` and `restore` hung there for ever (review finding 17).
    static func counts(ofSQLiteFile path: String, app: Application) async throws -> (cases: Int, audit: Int) {
        // Opening a missing file would create an empty database.
        guard FileManager.default.fileExists(atPath: path) else {
            throw SQLiteBackup.Failure(description: "fant ikke «\(path)»")
        }
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: app.threadPool, logger: app.logger, on: app.eventLoopGroup.any())
        do {
            let counts = try await counts(on: connection.sql(queryLogLevel: nil))
            try await connection.close()
            return counts
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func counts(on sql: any SQLDatabase) async throws -> (cases: Int, audit: Int) {
        let integrity = try await sql.raw("PRAGMA integrity_check").first()?.decode(
            column: "integrity_check", as: String.self)
        guard integrity == "ok" else {
            throw SQLiteBackup.Failure(description: "filen er skadet (integrity_check: \(integrity ?? "-"))")
        }
        let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
            .compactMap { try? $0.decode(column: "name", as: String.self) }
        guard tables.contains("_fluent_migrations"), tables.contains(CaseModel.schema),
            tables.contains(AuditEntryModel.schema)
        else {
            throw SQLiteBackup.Failure(description: "filen er ikke en Tilgang-database")
        }
        func count(_ table: String) async throws -> Int {
            try await sql.raw("SELECT count(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
                ?? 0
        }
        return (try await count(CaseModel.schema), try await count(AuditEntryModel.schema))
    }
}
