import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    @Suite struct RecordsTests {
        @Test func retentionPurgesPatientDataAfterTenYearsAndKeepsAdvancedTherapyThirty() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: two approved cases, one marked as advanced therapy (30 years)
                let api = APIClient(app: app)
                let ordinary = try await AfterApprovalTests.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let advanced = try await AfterApprovalTests.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let cell = try #require(try await CaseModel.find(UUID(uuidString: advanced), on: app.db))
                cell.retentionYears = RetentionPolicy.advancedTherapyYears
                try await cell.update(on: app.db)
                let today = app.clock.today
                let service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                // when: the day before ten years, then ten years on
                let early = try await service.run(today: try #require(today.addingDays(9 * 365)))
                let due = try await service.run(today: CalendarDate(year: today.year + 10, month: 12, day: 31)!)
                // then
                #expect(early.purged.isEmpty)
                #expect(due.purged.count == 1)
                let purged = try #require(try await CaseModel.find(UUID(uuidString: ordinary), on: app.db))
                #expect(purged.patientNIN == nil)
                #expect(purged.patientKey == nil)
                #expect(purged.justification == RetentionService.purgedText)
                #expect(purged.state == "approved")
                let kept = try #require(try await CaseModel.find(UUID(uuidString: advanced), on: app.db))
                #expect(kept.patientNIN == APIClient.patientNIN)
                let verdict = try await app.auditLog.verify(on: app.db)
                guard case .intact = verdict else {
                    Issue.record("audit chain broken after retention: \(verdict)")
                    return
                }
            }
        }

        /// Retention reads only what was decided by `RetentionPolicy.latestPossiblyDue`, as an instant in SQL: a
        /// case decided just before midnight in Oslo (the day before in UTC) is still purged on its anniversary.
        @Test func aCaseDecidedLateInTheEveningInOsloIsPurgedOnItsAnniversaryAndNotBefore() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: two approved cases, decided 23:30 on 15 June 2025 and 00:10 on 16 June in Oslo
                let api = APIClient(app: app)
                let late = try await AfterApprovalTests.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let next = try await AfterApprovalTests.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let lateModel = try #require(try await CaseModel.find(UUID(uuidString: late), on: app.db))
                lateModel.decidedAt = try #require(ISO8601DateFormatter().date(from: "2025-06-15T21:30:00Z"))
                try await lateModel.update(on: app.db)
                let nextModel = try #require(try await CaseModel.find(UUID(uuidString: next), on: app.db))
                nextModel.decidedAt = try #require(ISO8601DateFormatter().date(from: "2025-06-15T22:10:00Z"))
                try await nextModel.update(on: app.db)
                let service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                // when: the day before the first anniversary, on it, and on the second
                let dayBefore = try await service.run(today: try #require(CalendarDate(iso: "2035-06-14")))
                let first = try await service.run(today: try #require(CalendarDate(iso: "2035-06-15")))
                let second = try await service.run(today: try #require(CalendarDate(iso: "2035-06-16")))
                // then
                #expect(dayBefore.purged.isEmpty)
                #expect(first.purged == [lateModel.caseNumber])
                #expect(second.purged == [nextModel.caseNumber])
                // and each purged case leaves the count of what is kept (counted, not read)
                #expect(dayBefore.kept - first.kept == 1 && first.kept - second.kept == 1)
            }
        }

        /// The bound in SQL assumes no record is kept for less than ten years; one that says otherwise (a
        /// correction by hand, a later rule) is still read and purged by its own years.
        @Test func aCaseKeptForFewerThanTenYearsIsStillPurgedWhenItsTimeIsOver() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: an approved case kept five years, decided six years before the day retention runs for
                let api = APIClient(app: app)
                let short = try await AfterApprovalTests.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let model = try #require(try await CaseModel.find(UUID(uuidString: short), on: app.db))
                model.retentionYears = 5
                model.decidedAt = try #require(ISO8601DateFormatter().date(from: "2029-03-01T10:00:00Z"))
                try await model.update(on: app.db)
                let service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                // when
                let early = try await service.run(today: try #require(CalendarDate(iso: "2034-02-28")))
                let due = try await service.run(today: try #require(CalendarDate(iso: "2035-03-01")))
                // then
                #expect(early.purged.isEmpty)
                #expect(due.purged == [model.caseNumber])
            }
        }

        @Test func retentionAlsoCoversExemptionsAndCompassionateUseWithCellTherapyKeptThirtyYears() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: an exemption (valid 90 days), an ordinary CUNP case and a cell-therapy one
                let api = APIClient(app: app)
                let exemption = try #require(
                    try await DatabaseTests.ExemptionDeskTests.post(
                        app, api, "/api/v1/exemptions", as: "fastlege",
                        body: DatabaseTests.ExemptionDeskTests.application()
                    ).dto)
                let body = DatabaseTests.CompassionateUseTests.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale")
                var cellBody = body
                cellBody["advancedTherapy"] = true
                let ordinary = try #require(
                    try await DatabaseTests.CompassionateUseTests.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege", body
                    )
                    .dto)
                let cell = try #require(
                    try await DatabaseTests.CompassionateUseTests.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege", cellBody
                    ).dto)
                let today = app.clock.today
                let service = RetentionService(database: app.db, audit: app.auditLog, clock: app.clock)
                // when: eleven years on
                let result = try await service.run(today: CalendarDate(year: today.year + 11, month: 1, day: 1)!)
                // then: an exemption still under assessment is kept; the ordinary CU case is purged, cell therapy kept
                #expect(result.purged == [ordinary.reference])
                #expect(try await CUCaseModel.find(ordinary.id, on: app.db)?.patientNIN == nil)
                #expect(try await CUCaseModel.find(cell.id, on: app.db)?.patientNIN == APIClient.patientNIN)
                #expect(try await ExemptionModel.find(exemption.id, on: app.db)?.patientNIN == APIClient.patientNIN)
                // a decided exemption is purged ten years after its last valid day
                let model = try #require(try await ExemptionModel.find(exemption.id, on: app.db))
                model.state = ExemptionState.approved.rawValue
                try await model.update(on: app.db)
                // (valid 90 days from today, so ten years after that is within year + 11 at the latest)
                let later = try await service.run(today: CalendarDate(year: today.year + 12, month: 1, day: 1)!)
                #expect(later.purged == [exemption.reference])
                let thirtyOne = try await service.run(today: CalendarDate(year: today.year + 31, month: 1, day: 1)!)
                #expect(thirtyOne.purged == [cell.reference])
            }
        }

        @Test func accessLogShowsWhoReadThePatientsCases() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a case the committee has read
                let api = APIClient(app: app)
                let (id, _) = try await AuditAndAccessTests.caseAtCommittee(api)
                try await app.testing().test(
                    .GET, "/api/v1/cases/\(id)", headers: api.headers(try await api.token("si-komite"))
                ) { res in #expect(res.status == .ok) }
                // when the trust's administrator looks the patient up
                try await app.testing().test(
                    .POST, "/api/v1/audit/patient-access", headers: api.headers(try await api.token("si-admin")),
                    body: try Fixtures.json(["patientNIN": APIClient.patientNIN])
                ) { res in
                    // then
                    #expect(res.status == .ok)
                    let entries = try res.content.decode([AccessLogService.Entry].self)
                    #expect(entries.contains { $0.actor == "si-komite" && $0.action == "case.read" })
                    #expect(entries.contains { $0.actor == "si-lege" && $0.action == "case.create" })
                    #expect(!res.body.string.contains(APIClient.patientNIN))
                }
                // and nobody else may ask
                try await app.testing().test(
                    .POST, "/api/v1/audit/patient-access", headers: api.headers(try await api.token("si-komite")),
                    body: try Fixtures.json(["patientNIN": APIClient.patientNIN])
                ) { res in #expect(res.status == .forbidden) }
            }
        }
    }
}
