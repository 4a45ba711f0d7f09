import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

/// Issue 20: `tilgang retention run` at ten-year scale purges in bounded batches, each its own write turn, so a
/// case submitted while it runs is answered at once, and a run stopped half-way leaves whole batches done.
extension DatabaseTests {
    @Suite struct RetentionBatchTests {
        /// `count` approved cases decided now, copies of one real draft (its patient, its texts), each with a step
        /// whose comment names the patient; inserted in SQL so a test has thousands in a second or two.
        static func decidedCases(_ count: Int, on app: Application) async throws -> UUID {
            let api = APIClient(app: app)
            var draft = APIClient.draft()
            draft["justification"] =
                "Pasienten på Særheim, født 1985, har prøvd alt: " + String(repeating: "æøå ", count: 400)
            let template = try #require(UUID(uuidString: try await api.createCase(as: "si-lege", body: draft).id))
            let sql = try #require(app.db as? any SQLDatabase)
            let columns = try #require(
                try await sql.raw("SELECT * FROM cases WHERE id = \(bind: template)").first()?.allColumns)
            let replaced = ["id", "case_number", "state", "decided_at", "purged_at"]
            let copied = columns.filter { !replaced.contains($0) }
            let now = app.clock.now
            let actor = UUID()
            let audit = app.auditLog
            // A plain transaction, not a write turn: nothing else writes yet, and on PostgreSQL thousands of inserts
            // take longer than a turn may be held.
            try await app.db.transaction { db in
                guard let sql = db as? any SQLDatabase else { return }
                var sealed: [AuditLogService.Entry] = []
                for number in 1...count {
                    let id = UUID()
                    var insert = SQLQueryString("INSERT INTO cases (")
                    insert.appendLiteral((replaced.dropLast() + copied).map { "\"\($0)\"" }.joined(separator: ", "))
                    insert.appendLiteral(") SELECT ")
                    insert.appendInterpolation(bind: id)
                    insert.appendLiteral(", ")
                    insert.appendInterpolation(bind: "SI-2015-\(number)")
                    insert.appendLiteral(", 'approved', ")
                    insert.appendInterpolation(bind: now)
                    insert.appendLiteral(", " + copied.map { "\"\($0)\"" }.joined(separator: ", "))
                    insert.appendLiteral(" FROM cases WHERE id = ")
                    insert.appendInterpolation(bind: template)
                    try await sql.raw(insert).run()
                    try await sql.raw(
                        """
                        INSERT INTO case_transitions (id, case_id, "position", from_state, to_state, action, actor_id,
                        actor_name, actor_role, actor_trust, comment, "at")
                        VALUES (\(bind: UUID()), \(bind: id), 1, 'director', 'approved', 'approve', \(bind: actor),
                        'Direktør Ås', 'medical_director', 'SI', 'Godkjent for pasienten på Særheim', \(bind: now))
                        """
                    ).run()
                    // Sealed in the audit log as Tilgang seals a step, so the chain vouches for it.
                    let seal = DecisionSeal(
                        caseID: id.uuidString, position: 1, fromState: "director", toState: "approved",
                        action: "approve", actorID: actor.uuidString, onBehalfOfID: nil)
                    sealed.append(
                        AuditLogService.Entry(
                            action: "case.approve",
                            actor: AuditActor(id: actor.uuidString, role: "medical_director", trust: "SI"),
                            caseID: "SI-2015-\(number)", patientKey: nil,
                            detail: "director->approved \(DecisionSeal.marker)\(audit.sealHash(seal))", at: now))
                }
                for start in stride(from: 0, to: sealed.count, by: 500) {
                    try await audit.append(Array(sealed[start..<min(start + 500, sealed.count)]), on: db)
                }
            }
            return template
        }

        /// Counts and notes, shared between the retention task and the test.
        final class Progress: Sendable {
            private let state = NIOLockedValueBox((batches: 0, purged: 0))
            func record(_ purged: Int) { state.withLockedValue { $0 = ($0.batches + 1, purged) } }
            var batches: Int { state.withLockedValue { $0.batches } }
            var purged: Int { state.withLockedValue { $0.purged } }
        }

        @Test func aCaseSubmittedWhileRetentionRunsIsAnsweredAtOnceAndEveryCaseIsStillPurged() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: 3 000 cases due for retention
                let count = 3_000
                _ = try await Self.decidedCases(count, on: app)
                let today = app.clock.today
                let later = try #require(CalendarDate(year: today.year + 11, month: 1, day: 1))
                var service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                service.batchSize = 100
                let token = try await APIClient(app: app).token("si-lege")
                try await app.withRealServer { port in
                    // when: retention runs, and a physician submits a case through the API once it has begun
                    let progress = Progress()
                    let batched = service
                    let retention = Task {
                        try await batched.run(today: later) { _, soFar in progress.record(soFar.purgedCount) }
                    }
                    while progress.batches == 0 { try await Task.sleep(for: .milliseconds(2)) }
                    let started = ContinuousClock.now
                    let response = try await app.client.post(
                        URI(string: "http://127.0.0.1:\(port)/api/v1/cases"),
                        headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"]
                    ) { $0.body = try Fixtures.json(APIClient.draft()) }
                    let took = ContinuousClock.now - started
                    let purgedMeanwhile = progress.purged
                    let result = try await retention.value
                    // then: answered within a second, before retention was done, and retention purged all
                    #expect(response.status == .created, "\(response.body.map { String(buffer: $0) } ?? "")")
                    #expect(took < .seconds(1), "the submission waited \(took)")
                    #expect(purgedMeanwhile < count, "retention had finished before the submission was answered")
                    #expect(result.purgedCount == count)
                    #expect(progress.batches >= count / 100)
                }
                #expect(try await CaseModel.query(on: app.db).filter(\.$purgedAt != nil).count() == count)
                #expect(
                    try await CaseModel.query(on: app.db).filter(\.$purgedAt != nil).filter(\.$patientNIN != nil)
                        .count() == 0)
                #expect(
                    try await CaseTransitionModel.query(on: app.db).filter(\.$comment == RetentionService.purgedText)
                        .count() == count)
                #expect(
                    try await AuditEntryModel.query(on: app.db).filter(\.$action == "case.purge").count() == count)
                let rows = try await AuditEntryModel.query(on: app.db).count()
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: rows))
            }
        }

        struct Stopped: Error {}

        @Test func aRunStoppedHalfWayLeavesWholeBatchesAndTheNextRunPurgesTheRest() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: 250 cases due, batches of 40
                let count = 250
                let template = try await Self.decidedCases(count, on: app)
                let today = app.clock.today
                let later = try #require(CalendarDate(year: today.year + 11, month: 1, day: 1))
                var service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                service.batchSize = 40
                // when: the run stops after its third batch has committed (as a crash would)
                let progress = Progress()
                await #expect(throws: Stopped.self) {
                    _ = try await service.run(today: later) { _, soFar in
                        progress.record(soFar.purgedCount)
                        if progress.batches == 3 { throw Stopped() }
                    }
                }
                // then: exactly three whole batches are purged, each with its audit rows, and the chain is whole
                #expect(try await CaseModel.query(on: app.db).filter(\.$purgedAt != nil).count() == 120)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "case.purge").count() == 120)
                let rows = try await AuditEntryModel.query(on: app.db).count()
                #expect(try await app.auditLog.verify(on: app.db) == .intact(rows: rows))
                // and the next run purges the rest, none twice; the undecided draft is kept
                let rest = try await service.run(today: later)
                #expect(rest.purged.count == count - 120)
                #expect(Set(rest.purged).count == count - 120)
                #expect(try await CaseModel.query(on: app.db).filter(\.$purgedAt != nil).count() == count)
                #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "case.purge").count() == count)
                #expect(try await CaseModel.find(template, on: app.db)?.patientNIN == APIClient.patientNIN)
            }
        }
    }
}
