import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// The audit append trusts where this process last left the chain only while the head row agrees: another
    /// process appending, or a rolled-back transaction, must never fork or break the chain.
    @Suite struct AuditAppendTests {
        static func entry(_ action: String) -> AuditLogService.Entry {
            AuditLogService.Entry(
                action: action, actor: AuditActor(id: "t", role: "t", trust: "t"), caseID: nil, patientKey: nil,
                detail: "", at: Date())
        }

        @Test func anotherProcessAppendingInBetweenKeepsTheChainWhole() async throws {
            try await withTilgangApp { app in
                // given: two processes on one database, each with its own idea of the head
                let here = app.auditLog
                let there = AuditLogService(key: app.auditKey, lastKnown: AuditHeadHint(), clock: app.clock)
                // when they take turns
                for round in 0..<3 {
                    try await app.db.writeTransaction { db in
                        try await here.append([Self.entry("here.\(round)")], on: db)
                    }
                    try await app.db.writeTransaction { db in
                        try await there.append([Self.entry("there.\(round)"), Self.entry("there.\(round)b")], on: db)
                    }
                }
                // then
                let rows = try await AuditEntryModel.query(on: app.db).sort(\.$sequence).all()
                #expect(rows.map(\.sequence) == Array(1...9))
                #expect(try await here.verify(on: app.db) == .intact(rows: 9))
            }
        }

        @Test func aRolledBackAppendLeavesNoGapOrFork() async throws {
            try await withTilgangApp { app in
                struct Abandoned: Error {}
                let audit = app.auditLog
                try await app.db.writeTransaction { db in try await audit.append([Self.entry("first")], on: db) }
                // when an append's transaction rolls back after the append
                await #expect(throws: Abandoned.self) {
                    try await app.db.writeTransaction { db in
                        try await audit.append([Self.entry("lost")], on: db)
                        throw Abandoned()
                    }
                }
                try await app.db.writeTransaction { db in try await audit.append([Self.entry("second")], on: db) }
                // then
                let rows = try await AuditEntryModel.query(on: app.db).sort(\.$sequence).all()
                #expect(rows.map(\.action) == ["first", "second"])
                #expect(rows.map(\.sequence) == [1, 2])
                #expect(try await audit.verify(on: app.db) == .intact(rows: 2))
            }
        }
    }
}
