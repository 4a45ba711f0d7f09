import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

/// Finding 8 of the security review: retention purges every copy, idempotency records keep no patient data, and a
/// replayed request is audited.
extension DatabaseTests {
    @Suite struct RetentionPurgeTests {
        @Test func idempotencyRecordsHoldNoPatientDataAndAReplayIsAuditedAndExpires() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a case created with an Idempotency-Key
                let api = APIClient(app: app)
                let token = try await api.token("si-lege")
                var first = ""
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(token, idempotencyKey: "nøkkel-1"),
                    body: try Fixtures.json(APIClient.draft())
                ) { res in
                    #expect(res.status == .created)
                    first = res.body.string
                }
                #expect(first.contains(APIClient.patientNIN))
                // then: the record does not hold it
                let sql = try #require(app.db as? any SQLDatabase)
                let stored = try await sql.raw("SELECT * FROM idempotency_records").all()
                #expect(stored.count == 1)
                for row in stored {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                        #expect(!(text ?? "").contains(APIClient.patientNIN), "column \(column)")
                    }
                }
                // when: the request is repeated
                let reads = try await AuditEntryModel.query(on: app.db).filter(\.$action == "case.read").count()
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(token, idempotencyKey: "nøkkel-1"),
                    body: try Fixtures.json(APIClient.draft())
                ) { res in
                    // then: the same answer, and the read is in the audit log
                    #expect(res.status == .created)
                    #expect(res.headers.first(name: "Idempotent-Replayed") == "true")
                    #expect(res.body.string == first)
                }
                #expect(
                    try await AuditEntryModel.query(on: app.db).filter(\.$action == "case.read").count() == reads + 1)
                // and a day later the key is gone: the same request makes a new case
                app.clock.set(Date().addingTimeInterval(IdempotencyService.lifetime + 60))
                let later = try await api.token("si-lege")
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(later, idempotencyKey: "nøkkel-1"),
                    body: try Fixtures.json(APIClient.draft())
                ) { res in #expect(res.status == .created && res.headers.first(name: "Idempotent-Replayed") == nil) }
                app.clock.set(nil)
                #expect(try await CaseModel.query(on: app.db).count() == 2)
            }
        }

        @Test func retentionPurgesTheStepsCommentsAndAssessmentsToo() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: an approved case whose steps carry comments and the priority assessment
                let api = APIClient(app: app)
                let id = try await AfterApprovalTests.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let caseID = try #require(UUID(uuidString: id))
                let before = try await CaseTransitionModel.query(on: app.db).filter(\.$caseID == caseID).all()
                #expect(before.contains { $0.benefit != nil })
                // when: retention runs eleven years on
                let today = app.clock.today
                let result = try await RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                    .run(today: CalendarDate(year: today.year + 11, month: 12, day: 31)!)
                // then
                #expect(result.purged.count == 1)
                let after = try await CaseTransitionModel.query(on: app.db).filter(\.$caseID == caseID).all()
                #expect(after.allSatisfy { $0.benefit == nil && $0.resourceUse == nil && $0.severity == nil })
                #expect(after.allSatisfy { $0.comment == nil || $0.comment == RetentionService.purgedText })
                #expect(
                    try await app.auditLog.verify(on: app.db)
                        == .intact(rows: try await AuditEntryModel.query(on: app.db).count()))
            }
        }
    }
}

extension DatabaseTests.RetentionPurgeTests {
    /// Second look: an Idempotency-Key reused for another body is refused, not answered with the first result.
    @Test func aKeyReusedForAnotherBodyIsRefused() async throws {
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            let api = APIClient(app: app)
            let token = try await api.token("si-lege")
            try await app.testing().test(
                .POST, "/api/v1/cases", headers: api.headers(token, idempotencyKey: "k-1"),
                body: try Fixtures.json(APIClient.draft())
            ) { #expect($0.status == .created) }
            var other = APIClient.draft()
            other["indication"] = "G70.0"
            try await app.testing().test(
                .POST, "/api/v1/cases", headers: api.headers(token, idempotencyKey: "k-1"),
                body: try Fixtures.json(other)
            ) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Idempotency-Key"))
            }
            #expect(try await CaseModel.query(on: app.db).count() == 1)
        }
    }
}
