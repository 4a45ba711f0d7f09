import FluentKit
import Foundation
import SQLKit
import Testing

@testable import TilgangPersistence

/// The write turn (`SerializedWrites`) under stress: one writer at a time, a bounded wait, a bounded hold, and
/// nothing left locked after failures and timeouts. Serialized: the turn is one per process.
@Suite(.serialized) struct WriteTurnTests {
    static func counterTable(_ db: any Database) async throws -> any SQLDatabase {
        let sql = try #require(db as? any SQLDatabase)
        try await sql.raw("CREATE TABLE IF NOT EXISTS counter (n INTEGER)").run()
        try await sql.raw("DELETE FROM counter").run()
        try await sql.raw("INSERT INTO counter VALUES (0)").run()
        return sql
    }

    @Test func aHundredConcurrentReadThenWriteTransactionsLoseNoIncrement() async throws {
        let turn = WriteTurn()
        try await withDatabase { db in
            // given
            let sql = try await Self.counterTable(db)
            // when: each reads the counter and writes it plus one, the pattern of the audit chain's head
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        try await db.writeTransaction(on: turn) { tx in
                            let sql = tx as! any SQLDatabase
                            let n = try await sql.raw("SELECT n FROM counter").first()!.decode(
                                column: "n", as: Int.self)
                            try await sql.raw("UPDATE counter SET n = \(bind: n + 1)").run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            // then
            #expect(try await sql.raw("SELECT n FROM counter").first()?.decode(column: "n", as: Int.self) == 100)
        }
    }

    @Test func aWriterThatHoldsTheTurnTooLongIsStoppedAndTheTurnIsFreedForTheNext() async throws {
        let turn = WriteTurn()
        try await withDatabase { db in
            // given: a writer whose body would take three seconds, with a hold limit of 200 ms
            let started = ContinuousClock.now
            await #expect(throws: SerializedWrites.Busy.self) {
                try await db.writeTransaction(on: turn, turnTimeout: .seconds(1), holdLimit: .milliseconds(200)) { _ in
                    try await Task.sleep(for: .seconds(3))
                }
            }
            // then: the writer was answered (503) well before three seconds
            #expect(ContinuousClock.now - started < .seconds(1))
            // and the next writer gets the turn at once (its wait is 300 ms; the old body may keep its database
            // connection until it ends, which the hold limit allows for)
            let value = try await db.writeTransaction(
                on: turn, turnTimeout: .milliseconds(300), holdLimit: .seconds(10)
            ) { _ in 7 }
            #expect(value == 7)
        }
    }

    @Test func aWriterThatCannotGetTheTurnInTimeIsRefusedAndOthersStillGetIt() async throws {
        let turn = WriteTurn()
        try await withDatabase { db in
            // given: one writer holding the turn for 600 ms
            let holder = Task {
                try await db.writeTransaction(on: turn, turnTimeout: .seconds(1), holdLimit: .seconds(5)) { _ in
                    try await Task.sleep(for: .milliseconds(600))
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            // when: another asks with a 100 ms wait, a third with 3 s
            await #expect(throws: SerializedWrites.Busy.self) {
                try await db.writeTransaction(on: turn, turnTimeout: .milliseconds(100), holdLimit: .seconds(1)) { _ in
                }
            }
            let patient = try await db.writeTransaction(on: turn, turnTimeout: .seconds(3), holdLimit: .seconds(1)) {
                _ in "ok"
            }
            // then
            #expect(patient == "ok")
            try await holder.value
        }
    }

    @Test func aFailingTransactionReleasesTheTurnAndRollsBack() async throws {
        let turn = WriteTurn()
        try await withDatabase { db in
            let sql = try await Self.counterTable(db)
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await db.writeTransaction(on: turn) { tx in
                    try await (tx as! any SQLDatabase).raw("UPDATE counter SET n = 99").run()
                    throw Boom()
                }
            }
            #expect(try await sql.raw("SELECT n FROM counter").first()?.decode(column: "n", as: Int.self) == 0)
            let after = try await db.writeTransaction(on: turn, turnTimeout: .milliseconds(200), holdLimit: .seconds(1))
            { _ in 1
            }
            #expect(after == 1)
        }
    }

    @Test func aCancelledWriterDoesNotKeepTheTurn() async throws {
        let turn = WriteTurn()
        try await withDatabase { db in
            // given: a writer cancelled while it holds the turn (its body would take three seconds)
            let task = Task {
                try await db.writeTransaction(on: turn, turnTimeout: .seconds(1), holdLimit: .seconds(60)) { _ in
                    try await Task.sleep(for: .seconds(3))
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            let cancelled = ContinuousClock.now
            task.cancel()
            // then: it is answered at once, and the next writer gets the turn within 300 ms (the old body may
            // keep its database connection until it ends, which the hold limit allows for)
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(ContinuousClock.now - cancelled < .seconds(1))
            let value = try await db.writeTransaction(
                on: turn, turnTimeout: .milliseconds(300), holdLimit: .seconds(10)
            ) { _ in 3 }
            #expect(value == 3)
        }
    }
}
