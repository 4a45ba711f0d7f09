import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    @Suite struct CaseWorkflowTests {
        @Test func individualApplicationThroughTheWholeChainToApproval() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                // when
                let v2 = try await api.act("submit", on: id, version: v1, as: "si-lege")
                let v3 = try await api.act(
                    "assess", on: id, version: v2.version, as: "si-avdelingsleder", fields: APIClient.recommendApproval)
                let v4 = try await api.act(
                    "assess", on: id, version: v3.version, as: "si-divisjonsdirektor",
                    fields: APIClient.priority(benefit: "Stor", resourceUse: "Moderat", severity: "Alvorlig"))
                let v5 = try await api.committeeRecommends(on: id, version: v4.version, as: "si-komite")
                let done = try await api.act(
                    "approve", on: id, version: v5.version, as: "si-direktor", fields: ["comment": "Godkjent i 12 mnd"])
                // then
                #expect([v2.status, v3.status, v4.status, v5.status, done.status] == [.ok, .ok, .ok, .ok, .ok])
                let stored = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db))
                #expect(stored.state == "approved")
                #expect(stored.caseNumber.hasPrefix("SI-\(app.clock.today.year)-"))
                #expect(stored.decidedAt != nil)
                let transitions = try await CaseTransitionModel.query(on: app.db).filter(\.$caseID == stored.id!)
                    .count()
                #expect(transitions == 5)
            }
        }

        @Test func aNewCaseIsStoredWithEveryColumn() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // when
                let (id, _) = try await APIClient(app: app).createCase(as: "si-lege")
                // then: Fluent reads back every field the plain-SQL insert wrote
                let model = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db))
                let applicant = try #require(
                    try await UserModel.query(on: app.db).filter(\.$username == "si-lege").first())
                #expect(model.caseNumber.hasPrefix("SI-") && model.trustCode == "SI")
                #expect(model.applicantID == applicant.id && model.applicantHPR == applicant.hprNumber)
                #expect(model.departmentCode == applicant.departmentCode && model.kind == "individual")
                #expect(model.patientNIN == APIClient.patientNIN && model.patientKey?.count == 64)
                #expect(model.patientTrustCode == "SI" && model.groupDescription == nil && model.groupSize == nil)
                #expect(model.medicineID == "mabthera-500mg" && model.indication == "G35" && model.patientInformed)
                #expect(model.dosage == "1000 mg x 2 med 2 ukers mellomrom" && model.treatmentDuration == "12 måneder")
                #expect(model.justification.hasPrefix("Aktiv MS") && model.alternatives.hasPrefix("Ocrelizumab"))
                #expect(model.expectedBenefit == "Færre attakker" && model.costEstimate == "ca. 60 000 kr per år")
                #expect(!model.route.isEmpty && !model.routeRules.isEmpty && !model.routeExplanation.isEmpty)
                #expect(
                    model.state == "draft" && model.version == 1 && model.chainVersion == ApprovalChain.current.version)
                #expect(model.retentionYears == 10 && model.purgedAt == nil && model.decidedAt == nil)
                #expect(abs(try #require(model.createdAt).timeIntervalSinceNow) < 60)
                // and the insert names every column but the two a new case leaves empty
                let columns = try CaseStore.insertValues(model, createdAt: Date()).map(\.column)
                #expect(
                    Set(columns) == Set(CaseModel.keys.map(\.description)).subtracting(["purged_at", "decided_at"]))
                #expect(Set(columns).count == columns.count)
            }
        }

        @Test func crossTrustGroupApplicationNeedsBothDirectorsAndSupplementLoop() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a group treated in Sykehuset Innlandet, living in Helse Bergen's area
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(
                    as: "si-lege", body: APIClient.draft(kind: "group", patientTrust: "HB"))
                var v = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                v = try await api.act(
                    "assess", on: id, version: v, as: "si-avdelingsleder", fields: APIClient.recommendApproval
                ).version
                v = try await api.act(
                    "assess", on: id, version: v, as: "si-divisjonsdirektor",
                    fields: APIClient.priority(benefit: "Stor", resourceUse: "Høy", severity: "Alvorlig")
                ).version
                // when the committee asks for more and gets it
                v = try await api.act(
                    "request_supplement", on: id, version: v, as: "si-komite", fields: ["comment": "Mangler data"]
                ).version
                v = try await api.act(
                    "supply_supplement", on: id, version: v, as: "si-lege", fields: ["comment": "Vedlagt"]
                )
                .version
                v = try await api.committeeRecommends(on: id, version: v, as: "si-komite").version
                // then our director must wait for Helse Bergen's director
                let early = try await api.act(
                    "refuse", on: id, version: v, as: "si-direktor", fields: ["comment": "Nei"])
                #expect(early.status == .conflict)
                v = try await api.act("assess", on: id, version: v, as: "hb-direktor", fields: APIClient.partnerComment)
                    .version
                let done = try await api.act(
                    "refuse", on: id, version: v, as: "si-direktor", fields: ["comment": "Usikker nytte for gruppen"])
                #expect(done.status == .ok)
                let stored = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db))
                #expect(stored.state == "refused")
            }
        }

        @Test func staleVersionGetsAConflictAndNothingIsOverwritten() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let v2 = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                // when two people act on the same step from the same version
                let first = try await api.act(
                    "assess", on: id, version: v2, as: "si-avdelingsleder", fields: APIClient.recommendApproval)
                let second = try await api.act(
                    "withdraw", on: id, version: v2, as: "si-lege", fields: ["comment": "Pasienten ønsker å vente"])
                // then one wins and the other gets 409
                #expect(first.status == .ok)
                #expect(second.status == .conflict)
                let stored = try #require(try await CaseModel.find(UUID(uuidString: id), on: app.db))
                #expect(stored.state == "division_review")
            }
        }

        @Test func sameIdempotencyKeyActsOnce() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let first = try await api.act("submit", on: id, version: v1, as: "si-lege", idempotencyKey: "k-1")
                let repeated = try await api.act("submit", on: id, version: v1, as: "si-lege", idempotencyKey: "k-1")
                #expect(first.status == .ok)
                #expect(repeated.status == .ok)
                #expect(repeated.version == first.version)
                let transitions = try await CaseTransitionModel.query(on: app.db).count()
                #expect(transitions == 1)
            }
        }

        @Test func missingIfMatchIsRefused() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let (id, _) = try await api.createCase(as: "si-lege")
                try await app.testing().test(
                    .POST, "/api/v1/cases/\(id)/actions", headers: api.headers(try await api.token("si-lege")),
                    body: try Fixtures.json(["action": "submit"])
                ) { res in
                    #expect(res.status == .preconditionRequired)
                }
            }
        }

        @Test func everyFieldIsValidatedAndNamed() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var body = APIClient.draft()
                body["patientNIN"] = "15038512345"
                body["dosage"] = " "
                body["patientInformed"] = false
                try await app.testing().test(
                    .POST, "/api/v1/cases", headers: api.headers(try await api.token("si-lege")),
                    body: try Fixtures.json(body)
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let fields = Set(try res.content.decode(ErrorResponse.self).fields?.map(\.field) ?? [])
                    #expect(fields == ["patientNIN", "dosage", "patientInformed"])
                }
            }
        }

        @Test func routesTheChainDoesNotHandleAreRefusedWithTheReason() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                for (medicine, indication, words) in [
                    ("ozempic-1mg", "E11.9", "innenfor godkjent"), ("ozempic-1mg", "E66", "Helfo"),
                    ("leqembi-100mg", "G30.1", "ikke skal innføres"),
                ] {
                    var body = APIClient.draft()
                    body["medicineId"] = medicine
                    body["indication"] = indication
                    try await app.testing().test(
                        .POST, "/api/v1/cases", headers: api.headers(try await api.token("si-lege")),
                        body: try Fixtures.json(body)
                    ) { res in
                        #expect(res.status == .unprocessableEntity, "\(medicine) \(indication)")
                        #expect(res.body.string.contains(words), "\(medicine) \(indication)")
                    }
                }
            }
        }
    }
}

extension DatabaseTests {
    @Suite struct SubstituteTests {
        /// The SI department head names the section chief as substitute from `from` for `days` more days.
        static func headNamesSectionChief(_ app: Application, _ api: APIClient, from: CalendarDate, days: Int)
            async throws
        {
            try await app.testing().test(
                .POST, "/api/v1/substitutions", headers: api.headers(try await api.token("si-avdelingsleder")),
                body: try Fixtures.json([
                    "substituteUsername": "si-seksjonsoverlege", "from": from.iso,
                    "to": try #require(from.addingDays(days)).iso,
                ])
            ) { res in #expect(res.status == .created) }
        }

        @Test func substituteActsInTheLeadersRoleAndBothNamesAreRecorded() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: the department head is away and names the section chief
                let api = APIClient(app: app)
                let today = app.clock.today
                try await Self.headNamesSectionChief(app, api, from: today, days: 7)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let v2 = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                // when the substitute acts on the head's step
                let done = try await api.act(
                    "assess", on: id, version: v2, as: "si-seksjonsoverlege", fields: APIClient.recommendApproval)
                // then
                #expect(done.status == .ok, "\(done.body)")
                let row = try #require(
                    try await CaseTransitionModel.query(on: app.db).filter(\.$action == "assess").first())
                #expect(row.actorName.contains("Sara Seksjonsoverlege"))
                #expect(row.onBehalfOfName?.contains("Anders Avdelingsleder") == true)
                #expect(row.actorRole == "department_head")
            }
        }

        @Test func aNewSubstitutionShowsInTheSubstitutesWorkListAtOnce() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: a submitted case, and the section chief's to-do list read (and cached) before any substitution
                let api = APIClient(app: app)
                let (id, v1) = try await api.createCase(as: "si-lege")
                _ = try await api.act("submit", on: id, version: v1, as: "si-lege")
                let chief = try await api.token("si-seksjonsoverlege")
                func todo() async throws -> [String] {
                    var ids: [String] = []
                    try await app.testing().test(.GET, "/api/v1/cases?list=todo", headers: api.headers(chief)) { res in
                        ids = try res.content.decode([CaseSummaryDTO].self).map(\.id.uuidString)
                    }
                    return ids
                }
                #expect(try await todo().contains(id) == false)
                // when the department head names the section chief
                let today = app.clock.today
                try await Self.headNamesSectionChief(app, api, from: today, days: 7)
                // then
                #expect(try await todo().contains(id))
            }
        }

        @Test func substituteOutsideTheDateRangeCannotAct() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let later = try #require(app.clock.today.addingDays(10))
                try await Self.headNamesSectionChief(app, api, from: later, days: 3)
                let (id, v1) = try await api.createCase(as: "si-lege")
                let v2 = try await api.act("submit", on: id, version: v1, as: "si-lege").version
                let early = try await api.act(
                    "assess", on: id, version: v2, as: "si-seksjonsoverlege", fields: APIClient.recommendApproval)
                #expect(early.status == .forbidden)
            }
        }
    }
}

extension DatabaseTests.CaseWorkflowTests {
    /// Issue 10: no dead end without a message. A department head's own application goes to the division
    /// director, the case page says whom it waits for, and withdrawing needs a reason.
    @Test func aDepartmentHeadsOwnApplicationGoesToTheDivisionDirectorAndThePageSaysSo() async throws {
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            // given: the department head applies for a patient of his own
            let api = APIClient(app: app)
            let (id, v1) = try await api.createCase(as: "si-avdelingsleder")
            let v2 = try await api.act("submit", on: id, version: v1, as: "si-avdelingsleder").version
            // then: the page names the division director as the one it waits for
            let (cookie, _) = try await DatabaseTests.AuthTests.signIn(app, as: "si-avdelingsleder")
            var headers = HTTPHeaders()
            headers.cookie = ["tilgang-session": .init(string: cookie)]
            try await app.testing().test(.GET, "/saker/\(id)", headers: headers) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Venter på: Dora Divisjonsdirektør"))
            }
            // and a deactivation counts at once on the page, whose people are cached (`IdentityCache.people`)
            let dora = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "si-divisjonsdirektor").first()?.id)
            #expect(try await api.userAction("deactivate", on: dora, as: "si-admin") == .ok)
            try await app.testing().test(.GET, "/saker/\(id)", headers: headers) { res in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("Dora Divisjonsdirektør"))
            }
            // and so does a new division director
            let newDirector: [String: Any] = [
                "username": "si-ny-divisjonsdirektor", "displayName": "Nina Ny Divisjonsdirektør",
                "password": "et-langt-passord-2026", "role": "division_director",
            ]
            try await app.testing().test(
                .POST, "/api/v1/users", headers: api.headers(try await api.token("si-admin")),
                body: try Fixtures.json(newDirector)
            ) { res in #expect(res.status == .created, "\(res.body.string)") }
            try await app.testing().test(.GET, "/saker/\(id)", headers: headers) { res in
                #expect(res.body.string.contains("Venter på: Nina Ny Divisjonsdirektør"))
            }
            #expect(try await api.userAction("activate", on: dora, as: "si-admin") == .ok)
            // and withdrawing without a reason is refused, with a reason accepted
            #expect(try await api.act("withdraw", on: id, version: v2, as: "si-avdelingsleder").status != .ok)
            // when: the division director takes the department step in his place
            let v3 = try await api.act(
                "assess", on: id, version: v2, as: "si-divisjonsdirektor", fields: APIClient.recommendApproval)
            #expect(v3.status == .ok, "\(v3.body)")
        }
    }
}
