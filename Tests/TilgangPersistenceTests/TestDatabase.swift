import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// A real SQLite database in a temporary file for one test, without Vapor: the persistence module stands alone.
final class TestDatabase: Sendable {
    let databases: Databases
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("persistence-\(UUID()).sqlite").path
        databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path)), as: .sqlite)
    }

    var db: any Database {
        databases.database(logger: Logger(label: "test"), on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    func shutdown() async {
        await databases.shutdownAsync()
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a fresh database and shuts it down afterwards.
func withDatabase(_ body: (any Database) async throws -> Void) async throws {
    let test = TestDatabase()
    do {
        try await body(test.db)
    } catch {
        await test.shutdown()
        throw error
    }
    await test.shutdown()
}
