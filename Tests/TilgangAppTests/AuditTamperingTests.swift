import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

/// Finding 3 of the security review: truncation, wipe, rollback and edits of the case rows the chain vouches for.
extension DatabaseTests {
    @Suite struct AuditTamperingTests {
        /// A case at the committee (create, submit, quality assurance, priority) and a read.
        static func someHistory(_ app: Application) async throws -> String {
            let api = APIClient(app: app)
            let (id, _) = try await AuditAndAccessTests.caseAtCommittee(api)
            try await app.testing().test(
                .GET, "/api/v1/cases/\(id)", headers: api.headers(try await api.token("si-komite"))
            ) { #expect($0.status == .ok) }
            return id
        }

        static func isBroken(_ verdict: AuditChain.Verdict) -> Bool {
            if case .broken = verdict { return true }
            return false
        }

        @Test func deletingTheLastRowsTogetherWithTheHeadIsDetected() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                _ = try await Self.someHistory(app)
                // when: the newest two rows and the head go
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence > 3).delete()
                try await AuditHeadModel.query(on: app.db).delete()
                // then
                let verdict = try await app.auditLog.verify(on: app.db)
                #expect(Self.isBroken(verdict), "\(verdict)")
            }
        }

        @Test func wipingTheWholeLogIsDetectedAgainstACheckpoint() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a checkpoint the operator keeps
                _ = try await Self.someHistory(app)
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("anchor-\(UUID()).jsonl").path
                defer { try? FileManager.default.removeItem(atPath: file) }
                let head = try #require(try await AuditHeadModel.find(AuditLogService.headName, on: app.db))
                try AuditCheckpointFile.append(
                    app.auditLog.chain.checkpoint(.init(sequence: head.sequence, hash: head.hash), at: "t1"), to: file)
                let checkpoints = try AuditCheckpointFile.read(file)
                #expect(try await app.auditLog.verify(on: app.db, checkpoints: checkpoints) == .intact(rows: 5))
                // when: every row, every case step and the head are deleted
                try await AuditEntryModel.query(on: app.db).delete()
                try await AuditHeadModel.query(on: app.db).delete()
                try await CaseTransitionModel.query(on: app.db).delete()
                try await CaseModel.query(on: app.db).delete()
                // then
                let verdict = try await app.auditLog.verify(on: app.db, checkpoints: checkpoints)
                #expect(Self.isBroken(verdict), "\(verdict)")
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            }
        }

        @Test func restoringAnOlderHeadAndRowsIsARollbackAgainstACheckpoint() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the state after three rows, and a checkpoint after five
                _ = try await Self.someHistory(app)
                let rows = try await AuditEntryModel.query(on: app.db).sort(\.$sequence).all()
                let third = rows[2]
                let head = try #require(try await AuditHeadModel.find(AuditLogService.headName, on: app.db))
                let checkpoint = app.auditLog.chain.checkpoint(.init(sequence: head.sequence, hash: head.hash), at: "t")
                // when: the database is rolled back to row 3 (rows and a head that match each other)
                try await AuditEntryModel.query(on: app.db).filter(\.$sequence > 3).delete()
                head.sequence = 3
                head.hash = third.hash
                head.mac = app.auditLog.chain.headMAC(sequence: 3, hash: third.hash)
                try await head.update(on: app.db)
                try await CaseTransitionModel.query(on: app.db).filter(\.$position > 2).delete()
                // then: the chain alone looks whole, the checkpoint does not
                let alone = try await app.auditLog.verify(on: app.db)
                #expect(Self.isBroken(alone) || alone == .intact(rows: 3))
                let verdict = try await app.auditLog.verify(on: app.db, checkpoints: [checkpoint])
                #expect(Self.isBroken(verdict), "\(verdict)")
            }
        }

        @Test func aForgedCheckpointIsRefused() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                _ = try await Self.someHistory(app)
                let forged = AuditChain.Checkpoint(sequence: 2, hash: "x", at: "t", mac: "y")
                #expect(Self.isBroken(try await app.auditLog.verify(on: app.db, checkpoints: [forged])))
            }
        }

        @Test func editingWhoApprovedOrTheCaseStateIsDetected() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let id = try await Self.someHistory(app)
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: 5))
                let sql = try #require(app.db as? any SQLDatabase)
                let other = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "si-seksjonsoverlege").first()?.id)
                // when: the quality assurance is given to someone else
                try await sql.raw(
                    "UPDATE case_transitions SET actor_id = \(bind: other) WHERE \"position\" = 2"
                ).run()
                // then
                #expect(Self.isBroken(try await app.auditLog.verify(on: app.db)))
                // and when it is put back but the case is marked approved
                let original = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "si-avdelingsleder").first()?.id)
                try await sql.raw(
                    "UPDATE case_transitions SET actor_id = \(bind: original) WHERE \"position\" = 2"
                ).run()
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: 5))
                try await sql.raw(
                    "UPDATE cases SET state = 'approved' WHERE id = \(bind: try #require(UUID(uuidString: id)))"
                ).run()
                let verdict = try await app.auditLog.verify(on: app.db)
                #expect(Self.isBroken(verdict), "\(verdict)")
            }
        }
    }
}
