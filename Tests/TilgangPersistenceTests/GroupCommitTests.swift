import FluentKit
import Foundation
import SQLKit
import Testing

@testable import TilgangPersistence

@Suite(.serialized) struct GroupCommitUnitTests {
    @Test func concurrentWritesShareTransactionsAndEachGetsItsOwnResult() async throws {
        try await withDatabase { db in
            // given: a commit that inserts each value and refuses odd ones individually
            let sql = try #require(db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE items (v INTEGER)").run()
            let commits = Counter()
            let group = GroupCommit<Int, Int>(database: db, turn: WriteTurn()) { inputs, tx in
                await commits.increment()
                var results: [Result<Int, any Error>] = []
                for value in inputs {
                    if value % 2 == 1 {
                        results.append(.failure(Odd()))
                        continue
                    }
                    try await (tx as! any SQLDatabase).raw("INSERT INTO items VALUES (\(bind: value))").run()
                    results.append(.success(value * 10))
                }
                return results
            }
            // when: 200 writes at once
            let outcomes = await withTaskGroup(of: (Int, Int?).self) { tasks in
                for value in 0..<200 { tasks.addTask { (value, try? await group.submit(value)) } }
                return await tasks.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
            }
            // then
            for value in 0..<200 { #expect(outcomes[value] == (value % 2 == 0 ? value * 10 : nil)) }
            #expect(
                try await sql.raw("SELECT count(*) AS n FROM items").first()?.decode(column: "n", as: Int.self) == 100)
            #expect(await commits.value < 200, "writes that arrived together shared a transaction")
        }
    }

    @Test func aFailedTransactionFailsEveryWriteInItAndKeepsNothing() async throws {
        try await withDatabase { db in
            let sql = try #require(db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE items (v INTEGER)").run()
            let group = GroupCommit<Int, Int>(database: db, turn: WriteTurn()) { inputs, tx in
                for value in inputs {
                    try await (tx as! any SQLDatabase).raw("INSERT INTO items VALUES (\(bind: value))").run()
                }
                throw Odd()
            }
            await #expect(throws: Odd.self) { try await group.submit(1) }
            #expect(
                try await sql.raw("SELECT count(*) AS n FROM items").first()?.decode(column: "n", as: Int.self) == 0)
        }
    }
}

struct Odd: Error {}

actor Counter {
    private(set) var value = 0
    func increment() { value += 1 }
}
