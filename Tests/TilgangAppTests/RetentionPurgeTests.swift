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
    /// A request for access to earlier applications keeps its reasons (which can describe the patient) ten years
    /// after its last date, asked, decided or granted through: then they go, the record and the audit log stay,
    /// and nothing can be written to it again.
    @Test func accessRequestReasonsGoTenYearsAfterTheirLastDate() async throws {
        typealias Access = DatabaseTests.AccessRequestTests
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            // given: three requests for patient A: one granted for 30 days, one refused with a reason, one never
            // decided
            let api = APIClient(app: app)
            _ = try await Access.submittedCase(api, as: "si-lege", nin: APIClient.patientNIN)
            let granted = try await Access.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
            let refused = try await Access.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
            let pending = try await Access.request(api, as: "si-seksjonsoverlege", nin: APIClient.patientNIN)
            let refusal = "Pasienten er ikke lenger under behandling ved seksjonen; spør fastlegen først. "
            for (id, action, body) in [
                (granted, "grant", ["days": 30] as [String: Any]), (refused, "refuse", ["reason": refusal]),
            ] {
                let answer = try await Access.post(
                    api, "/api/v1/access-requests/\(id)/\(action)", as: "si-avdelingsleder", body)
                #expect(answer.status == .ok, "\(action): \(answer.body)")
            }
            let service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
            struct NotStored: Error { let id: String }
            func stored(_ id: String) async throws -> AccessRequestModel {
                guard let uuid = UUID(uuidString: id), let model = try await AccessRequestModel.find(uuid, on: app.db)
                else { throw NotStored(id: id) }
                return model
            }
            let patientKey = try await stored(refused).patientKey

            // when: the day before the tenth anniversary of the refusal; then nothing goes
            let anniversary = try #require(Self.anniversary(years: 10, of: app.clock.today))
            let dayBefore = try #require(anniversary.addingDays(-1))
            #expect(try await service.run(today: dayBefore).accessRequestsPurged == 0)
            #expect(try await stored(refused).decisionReason == refusal.trimmingCharacters(in: .whitespaces))
            // when: on it; then the refused and the undecided request's texts go, the granted one's stay
            #expect(try await service.run(today: anniversary).accessRequestsPurged == 2)
            let purged = try await stored(refused)
            #expect(purged.reason == RetentionService.purgedText)
            #expect(purged.decisionReason == RetentionService.purgedText)
            #expect(purged.patientKey == RetentionService.purgedText)
            #expect(purged.state == "refused" && purged.decidedByName != nil, "the record stays")
            #expect(try await stored(pending).reason == RetentionService.purgedText)
            #expect(try await stored(granted).reason.contains("særlig bivirkninger"))
            // and the undecided one can no longer be decided, nor is it offered for a decision
            let late = try await Access.post(
                api, "/api/v1/access-requests/\(pending)/refuse", as: "si-avdelingsleder", ["reason": refusal])
            #expect(late.status == .gone, "\(late.body)")
            #expect(try await stored(pending).decisionReason == nil)
            let (_, lists) = try await Access.get(api, "/api/v1/access-requests", as: "si-avdelingsleder")
            #expect(!lists.contains(pending) && !lists.contains(refused))

            // when: the grant's last day's tenth anniversary; then that one goes too, and a later run finds nothing
            let lastDay = try #require(try await stored(granted).lastDay)
            let grantEnd = try #require(CalendarDate(iso: lastDay))
            let later = try #require(Self.anniversary(years: 10, of: grantEnd))
            let laterDayBefore = try #require(later.addingDays(-1))
            #expect(try await service.run(today: laterDayBefore).accessRequestsPurged == 0)
            #expect(try await service.run(today: later).accessRequestsPurged == 1)
            #expect(try await stored(granted).reason == RetentionService.purgedText)
            #expect(try await service.run(today: later).accessRequestsPurged == 0)

            // and: each purge is in the audit log under the patient's key, and the chain is intact
            let rows = try await AuditEntryModel.query(on: app.db).filter(\.$action == "access.purge").all()
            #expect(rows.count == 3 && rows.allSatisfy { $0.patientKey == patientKey })
            #expect(
                try await app.auditLog.verify(on: app.db)
                    == .intact(rows: try await AuditEntryModel.query(on: app.db).count()))
            // and no text of the reasons is left in the table
            let sql = try #require(app.db as? any SQLDatabase)
            for row in try await sql.raw("SELECT * FROM access_requests").all() {
                for column in row.allColumns {
                    let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                    #expect(!(text ?? "").contains("bivirkninger"), "column \(column)")
                    #expect(!(text ?? "").contains("fastlegen"), "column \(column)")
                }
            }
        }
    }

    /// `date`'s anniversary `years` on (28 February for a 29 February, as `RetentionPolicy` counts).
    static func anniversary(years: Int, of date: CalendarDate) -> CalendarDate? {
        CalendarDate(year: date.year + years, month: date.month, day: date.day)
            ?? CalendarDate(year: date.year + years, month: date.month, day: date.day - 1)
    }

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
