import SQLKit
import Testing

@testable import TilgangApp

@Suite struct DatabaseLocationTests {
    @Test func unsetMeansSQLiteFileInWorkingDirectory() throws {
        #expect(try DatabaseLocation(url: nil, workingDirectory: "/srv") == .sqlite(path: "/srv/tilgang.sqlite"))
    }

    @Test func sqliteAbsoluteAndRelative() throws {
        #expect(
            try DatabaseLocation(url: "sqlite:///var/x.sqlite", workingDirectory: "/srv")
                == .sqlite(path: "/var/x.sqlite"))
        #expect(
            try DatabaseLocation(url: "sqlite://data/x.sqlite", workingDirectory: "/srv")
                == .sqlite(path: "/srv/data/x.sqlite"))
    }

    @Test func postgres() throws {
        let url = "postgres://tilgang:secret@127.0.0.1:5432/tilgang"
        #expect(try DatabaseLocation(url: url) == .postgres(url: url))
    }

    @Test func unknownSchemeNamesTheVariable() {
        // when
        let error = #expect(throws: (any Error).self) { try DatabaseLocation(url: "mysql://x") }
        // then
        #expect(String(describing: error).contains("DATABASE_URL"))
    }
}

extension DatabaseTests {
    @Suite struct ServeBootstrapTests {
        /// `serve` asks whether the catalogue's table exists before migrating, without a failed query in
        /// PostgreSQL's log.
        @Test func aNewDatabaseIsToldFromAMigratedOne() async throws {
            try await withTilgangApp { app in
                let sql = try #require(app.db as? any SQLDatabase)
                #expect(try await ServeBootstrap.tableExists(MedicineModel.schema, on: sql))
                // when
                try await app.autoRevert()
                // then
                #expect(try await !ServeBootstrap.tableExists(MedicineModel.schema, on: sql))
                try await app.autoMigrate()
                #expect(try await ServeBootstrap.tableExists(MedicineModel.schema, on: sql))
            }
        }
    }
}
