import Foundation
import Testing

@testable import TilgangApp

extension DatabaseTests {
    /// Review finding 17: `tilgang backup FILE` wrote the copy and then hung, with or without a server running, and
    /// `tilgang restore FILE` hung at the same point and left `<db>.restoring` behind; backups were readable by every
    /// user of the machine. Only the built binary shows the hang (its async code runs on the event loops,
    /// entrypoint.swift), so this runs it, as an operator would.
    @Suite(.enabled(if: !TestDatabase.isPostgres)) struct BackupRestoreExitTests {
        struct Run {
            let status: Int32?
            let output: String
        }

        @Test func backupAndRestoreExitAndKeepTheirFilesPrivate() async throws {
            // given: a migrated database that holds no audit row yet
            let binary = try Self.binary()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backup-exit-\(UUID())").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let database = folder + "/tilgang.sqlite"
            let backup = folder + "/backup.sqlite"
            let migrate = try await Self.run(binary, ["migrate", "--yes"], database: database)
            #expect(migrate.status == 0, "\(migrate.output)")

            // when: it is backed up
            let backedUp = try await Self.run(binary, ["backup", backup], database: database)

            // then: the command exits, and the copy is whole and its owner's only
            #expect(backedUp.status == 0, "tilgang backup: \(backedUp.output)")
            #expect(backedUp.output.contains("0 saker, 0 rader i revisjonsloggen"), "\(backedUp.output)")
            #expect(try Self.mode(backup) == 0o600)
            // a second backup to the same file is refused, at once
            let again = try await Self.run(binary, ["backup", backup], database: database)
            #expect(again.status != nil && again.status != 0, "\(again.output)")

            // given: the database moves on past the backup (importing the sites writes an audit row)
            let sites = Fixtures.packageRoot.appendingPathComponent(
                "Sources/TilgangApp/Resources/production-sites-2020.csv"
            ).path
            let imported = try await Self.run(binary, ["import", "sites", sites], database: database)
            #expect(imported.status == 0, "\(imported.output)")

            // when: the backup is restored
            let restored = try await Self.run(binary, ["restore", backup], database: database)

            // then: the command exits; the database is the backup's (no audit row), private, with nothing staged left
            #expect(restored.status == 0, "tilgang restore: \(restored.output)")
            #expect(restored.output.contains("revisjonsloggen er hel (0 rader)"), "\(restored.output)")
            #expect(!FileManager.default.fileExists(atPath: database + ".restoring"))
            #expect(FileManager.default.fileExists(atPath: database + ".before-restore"))
            #expect(try Self.mode(database) == 0o600)
            let check = try await Self.run(binary, ["backup", folder + "/after-restore.sqlite"], database: database)
            #expect(check.status == 0 && check.output.contains("0 rader i revisjonsloggen"), "\(check.output)")
        }

        /// The `tilgang` executable beside the test bundle (`swift build --build-tests` builds both).
        static func binary() throws -> String {
            let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            let candidates = [
                beside.appendingPathComponent("tilgang").path,
                beside.deletingLastPathComponent().appendingPathComponent("tilgang").path,
                Fixtures.packageRoot.appendingPathComponent(".build/debug/tilgang").path,
            ]
            return try #require(
                candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                "no tilgang executable in \(candidates); run swift build --build-tests")
        }

        /// Runs the binary on `database` and gives it 60 s; one still running then is killed and has no status.
        static func run(_ binary: String, _ arguments: [String], database: String) async throws -> Run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.currentDirectoryURL = Fixtures.packageRoot
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = "sqlite://" + database
            environment["LOG_LEVEL"] = "info"
            process.environment = environment
            let log = database + ".\(UUID().uuidString).out"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            defer { try? FileManager.default.removeItem(atPath: log) }
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            defer { try? output.close() }
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            let hung = process.isRunning
            if hung {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return Run(status: hung ? nil : process.terminationStatus, output: hung ? "hung for 60 s: \(text)" : text)
        }

        static func mode(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
    }
}
