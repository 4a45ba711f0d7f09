import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// `tilgang backup` / `tilgang restore` on SQLite: the copy taken while the app serves restores every case and
    /// audit row it held, with an intact audit chain, and nothing written after it (issue 7). PostgreSQL is backed
    /// up with pg_dump, checked by scripts/fault_test.py.
    @Suite(.enabled(if: !TestDatabase.isPostgres)) struct BackupTests {
        @Test func aRestoredBackupHoldsEveryCaseAndAuditRow() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID())").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let backup = folder + "/backup.sqlite"
            var cases: [String: Int] = [:]
            var auditRows: [Int: String] = [:]
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: cases at several steps of the chain
                let api = APIClient(app: app)
                for _ in 0..<3 {
                    let (id, version) = try await api.createCase(as: "si-lege")
                    let submitted = try await api.act("submit", on: id, version: version, as: "si-lege")
                    #expect(submitted.status == .ok)
                }
                // when: backed up while the app is open, then one more case
                try await SQLiteBackup.backup(app.db, to: backup)
                for model in try await CaseModel.query(on: app.db).all() { cases[model.caseNumber] = model.version }
                for row in try await AuditEntryModel.query(on: app.db).all() { auditRows[row.sequence] = row.hash }
                _ = try await api.createCase(as: "si-lege")
                // a second backup to the same file is refused, never overwritten
                await #expect(throws: SQLiteBackup.Failure.self) { try await SQLiteBackup.backup(app.db, to: backup) }
            }
            // then: restored into a new database file
            let restored = folder + "/restored.sqlite"
            try await SQLiteBackup.restore(from: backup, to: restored) { _ in }
            let app = try await Application.make(.testing)
            do {
                try await configure(app, settings: TilgangSettings(database: .sqlite(path: restored), adminToken: "x"))
                try await app.autoMigrate()
                var found: [String: Int] = [:]
                for model in try await CaseModel.query(on: app.db).all() { found[model.caseNumber] = model.version }
                #expect(found == cases && cases.count == 3)
                var rows: [Int: String] = [:]
                for row in try await AuditEntryModel.query(on: app.db).all() { rows[row.sequence] = row.hash }
                #expect(rows == auditRows && !rows.isEmpty)
                let verdict = try await app.auditLog.verify(on: app.db)
                #expect(verdict == .intact(rows: rows.count))
                // a file that is not a Tilgang database is refused by the restore's check and changes nothing
                let junk = folder + "/junk.sqlite"
                try "ikke en database".write(toFile: junk, atomically: true, encoding: .utf8)
                await #expect(throws: (any Error).self) {
                    try await SQLiteBackup.restore(from: junk, to: restored) { staged in
                        _ = try await RestoreCommand.counts(ofSQLiteFile: staged, app: app)
                    }
                }
                #expect(try await CaseModel.query(on: app.db).count() == 3)
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }
}
