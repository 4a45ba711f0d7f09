import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Prepares the database for `serve`: migrates, and on a new database loads the demo catalogue
/// so a newcomer gets a working Tilgang with one command.
public enum ServeBootstrap {
    /// Vapor's default command is `serve`, so no command at all counts as serving.
    public static func isServeCommand(_ arguments: [String]) -> Bool {
        arguments.count < 2 || arguments[1] == "serve" || arguments[1].hasPrefix("-")
    }

    public static func prepareDatabase(_ app: Application) async throws {
        guard let sql = app.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let isNew = try await !tableExists(MedicineModel.schema, on: sql)
        if case .sqlite = app.databaseLocation {
            // Write-ahead logging: readers never wait for a writer, a crash keeps every committed transaction,
            // and `tilgang backup` can copy a consistent snapshot while the server runs. It stays set in the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        app.logger.notice("Kjører databasemigreringer (tilgang migrate).")
        try await app.autoMigrate()
        try await AuditSealing.sealExisting(app)
        guard isNew else { return }
        guard StartupPolicy.servesDemoData(app.environment, variables: ProcessInfo.processInfo.environment) else {
            app.logger.notice("Ny database uten demodata (\(app.environment.name)).")
            return
        }
        try await loadDemoData(app)
    }

    /// The demo catalogue, the demo people (published password) and the preparedness demo.
    static func loadDemoData(_ app: Application) async throws {
        let result = try await app.catalogue.importDocument(try DemoData.catalogue())
        try await DemoPeople.seed(on: app.db, passwords: app.passwordHashing.hasher(on: app.eventLoopGroup.any()))
        try await DemoPreparedness.seed(app, today: app.clock.today)
        app.logger.notice(
            "Lastet demokatalogen (\(result.created) legemidler) og demobrukere (felles passord, se README).")
    }

    /// Asked of the database's own catalogue (`to_regclass`, `sqlite_master`), not by reading the table:
    /// PostgreSQL logs a query on a missing table as an error.
    static func tableExists(_ table: String, on sql: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? "SELECT to_regclass(\(bind: table)) IS NOT NULL AS present"
            : "SELECT count(*) > 0 AS present FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)"
        return try await sql.raw(query).first()?.decode(column: "present", as: Bool.self) ?? false
    }
}
