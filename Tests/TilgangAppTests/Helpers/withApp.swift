import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

/// The admin token the test app is configured with.
let testAdminToken = "test-admin-token"

/// Configures, migrates and runs a test app on a clean database, then tears it down.
///
/// `DATABASE_URL=postgres://…` runs the test against that PostgreSQL database (reset before each test);
/// otherwise each test gets its own new SQLite file.
func withTilgangApp(
    demoData: Bool = false, demoPeople: Bool = false, _ test: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    let database = try TestDatabase.fresh()
    do {
        try await configure(app, settings: TilgangSettings(database: database, adminToken: testAdminToken))
        if database.isPostgres { try await app.autoRevert() }
        try await app.autoMigrate()
        if demoData { _ = try await app.catalogue.importDocument(try DemoData.catalogue()) }
        if demoPeople {
            try await DemoPeople.seed(on: app.db, passwords: app.passwordHashing.hasher(on: app.eventLoopGroup.any()))
        }
        try await test(app)
    } catch {
        try await app.asyncShutdown()
        TestDatabase.remove(database)
        throw error
    }
    try await app.asyncShutdown()
    TestDatabase.remove(database)
}

enum TestDatabase {
    static func fresh() throws -> DatabaseLocation {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.hasPrefix("postgres") {
            return try DatabaseLocation(url: url)
        }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tilgang-test-\(UUID().uuidString).sqlite").path
        return .sqlite(path: path)
    }

    static func remove(_ location: DatabaseLocation) {
        if case .sqlite(let path) = location { try? FileManager.default.removeItem(atPath: path) }
    }

    static var isPostgres: Bool {
        ProcessInfo.processInfo.environment["DATABASE_URL"]?.hasPrefix("postgres") == true
    }
}

/// The database suites share one database under PostgreSQL, so they run one at a time.
@Suite(.serialized) struct DatabaseTests {}
