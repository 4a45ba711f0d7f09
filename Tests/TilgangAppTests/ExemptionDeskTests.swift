import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Approval exemptions (issue 4): submission rules, the desk, individual reasons, appeal, notifications.
    @Suite struct ExemptionDeskTests {
        static let assessment: [String: String] = [
            "action": "assess", "professionalSoundness": "Forsvarlig i lys av pasientens situasjon",
            "documentationLevel": "Godkjent i India", "risk": "Lav", "alternatives": "Ingen flytende form i Norge",
            "followUpAbility": "Fastlegen følger opp",
        ]

        static func application(_ overrides: [String: Any] = [:]) -> [String: Any] {
            let today = AppClock.dayInOslo(Date())
            var body: [String: Any] = [
                "medicineId": "prednisolon-mikstur-in", "indication": "J45.9",
                "justification": "Barnet kan ikke svelge tabletter; ingen markedsført mikstur.",
                "quantity": "3 flasker à 100 ml", "validFrom": today.iso,
                "validUntil": today.addingDays(90)?.iso ?? "", "scope": "patient",
                "applicantKind": "general_practitioner", "patientNIN": APIClient.patientNIN,
                "informedConsent": true,
            ]
            for (key, value) in overrides { body[key] = value }
            return body
        }

        static func post(
            _ app: Application, _ api: APIClient, _ path: String, as username: String, body: [String: Any],
            version: Int? = nil
        ) async throws -> (status: HTTPStatus, dto: ExemptionDTO?, body: String) {
            var result: (HTTPStatus, ExemptionDTO?, String) = (.ok, nil, "")
            try await app.testing().test(
                .POST, path, headers: api.headers(try await api.token(username), version: version),
                body: try Fixtures.json(body)
            ) { res in result = (res.status, try? res.content.decode(ExemptionDTO.self), res.body.string) }
            return result
        }

        static func act(
            _ app: Application, _ api: APIClient, _ dto: ExemptionDTO, as username: String, _ body: [String: Any]
        ) async throws -> (status: HTTPStatus, dto: ExemptionDTO?, body: String) {
            try await post(
                app, api, "/api/v1/exemptions/\(dto.id)/actions", as: username, body: body, version: dto.version)
        }

        @Test func aGPsApplicationFromSubmissionToDecisionAndAppeal() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                // given: a GP's application
                let submitted = try await Self.post(
                    app, api, "/api/v1/exemptions", as: "fastlege", body: Self.application())
                #expect(submitted.status == .created, "\(submitted.body)")
                var dto = try #require(submitted.dto)
                #expect(dto.state == "submitted" && dto.reference.hasPrefix("DMP-"))
                #expect(dto.routeRules.contains("R8"))
                // when: the officer tries to decide before assessing
                let early = try await Self.act(
                    app, api, dto, as: "dmp-saksbehandler", ["action": "refuse", "reasons": "Nei"])
                #expect(early.status == .conflict)
                dto = try #require(try await Self.act(app, api, dto, as: "dmp-saksbehandler", Self.assessment).dto)
                #expect(dto.state == "under_assessment" && dto.assessment?.risk == "Lav")
                // only the agency decides
                let gpDecides = try await Self.act(
                    app, api, dto, as: "fastlege", ["action": "approve", "reasons": "Ja"])
                #expect(gpDecides.status == .forbidden)
                let refused = try await Self.act(
                    app, api, dto, as: "dmp-saksbehandler",
                    [
                        "action": "refuse",
                        "reasons": "Tabletter kan knuses og gis i vann; alternativ finnes for barnet.",
                    ])
                #expect(refused.status == .ok, "\(refused.body)")
                dto = try #require(refused.dto)
                #expect(dto.state == "refused" && dto.decidedOn == app.clock.today)
                // then the applicant appeals, the agency forwards, the ministry allows it
                dto = try #require(
                    try await Self.act(
                        app, api, dto, as: "fastlege",
                        ["action": "appeal", "grounds": "Barnet kaster opp knuste tabletter."]
                    ).dto)
                #expect(dto.state == "appealed")
                dto = try #require(
                    try await Self.act(
                        app, api, dto, as: "dmp-saksbehandler",
                        ["action": "forward_to_ministry", "note": "DMP opprettholder"]
                    ).dto)
                #expect(dto.state == "with_ministry")
                dto = try #require(
                    try await Self.act(
                        app, api, dto, as: "dmp-saksbehandler",
                        ["action": "record_ministry_outcome", "allowed": true, "note": "HOD omgjør vedtaket"]
                    ).dto)
                #expect(dto.state == "appeal_allowed")
                #expect(
                    dto.events.map(\.action) == [
                        "submit", "assess", "refuse", "appeal", "forward_to_ministry", "record_ministry_outcome",
                    ])
                // a stale version is refused and nothing is overwritten
                var stale = dto
                stale = ExemptionDTO.withVersion(stale, dto.version - 1)
                let conflict = try await Self.act(
                    app, api, stale, as: "dmp-saksbehandler", ["action": "appeal", "grounds": "x"])
                #expect(conflict.status == .conflict)
            }
        }

        @Test func nearlyIdenticalRefusalsForAnotherPatientWarnUntilAcknowledged() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let reasons =
                    "Legemiddelverket kan ikke se at det foreligger tilstrekkelig dokumentasjon på effekt og sikkerhet, og søknaden avslås."
                var first = try #require(
                    try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: Self.application()).dto)
                first = try #require(try await Self.act(app, api, first, as: "dmp-saksbehandler", Self.assessment).dto)
                #expect(
                    try await Self.act(
                        app, api, first, as: "dmp-saksbehandler", ["action": "refuse", "reasons": reasons]
                    )
                    .status == .ok)
                // a second patient, refused with the same words
                var second = try #require(
                    try await Self.post(
                        app, api, "/api/v1/exemptions", as: "fastlege",
                        body: Self.application(["patientNIN": APIClient.otherPatientNIN])
                    ).dto)
                second = try #require(
                    try await Self.act(app, api, second, as: "dmp-saksbehandler", Self.assessment).dto)
                let warned = try await Self.act(
                    app, api, second, as: "dmp-saksbehandler", ["action": "refuse", "reasons": reasons + " "])
                #expect(warned.status == .unprocessableEntity)
                #expect(warned.body.contains(first.reference))
                let kept = try await Self.act(
                    app, api, second, as: "dmp-saksbehandler",
                    ["action": "refuse", "reasons": reasons, "acknowledgeSimilarity": true])
                #expect(kept.status == .ok)
                #expect(kept.dto?.events.last?.similarTo == first.reference)
            }
        }

        @Test func refusalsAtSubmissionNameTheRule() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                // R11: cannabis above 1 % THC only from a hospital specialist
                let bedrocan = Self.application(["medicineId": "bedrocan-urtete", "indication": "G89.2"])
                let gp = try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: bedrocan)
                #expect(gp.status == .unprocessableEntity)
                #expect(gp.body.contains("R11"))
                var hospital = bedrocan
                hospital.removeValue(forKey: "applicantKind")
                let specialist = try await Self.post(app, api, "/api/v1/exemptions", as: "si-lege", body: hospital)
                #expect(specialist.status == .created, "\(specialist.body)")
                #expect(specialist.dto?.applicantKind == "hospital_specialist")
                // a medicine with Norwegian MT never gets an exemption
                let ozempic = try await Self.post(
                    app, api, "/api/v1/exemptions", as: "fastlege",
                    body: Self.application(["medicineId": "ozempic-1mg", "indication": "E11.9"]))
                #expect(ozempic.status == .unprocessableEntity)
                // R7: a notification country goes to the pharmacy, not the agency
                let imovane = Self.application(["medicineId": "imovane-7-5mg", "indication": "G47.0"])
                let notify = try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: imovane)
                #expect(notify.status == .unprocessableEntity)
                #expect(notify.body.contains("R7"))
                // more than a year, and missing fields, are named
                let tooLong = try await Self.post(
                    app, api, "/api/v1/exemptions", as: "fastlege",
                    body: Self.application([
                        "validUntil": app.clock.today.addingDays(400)?.iso ?? "", "justification": "",
                        "patientNIN": "12345678901",
                    ]))
                #expect(tooLong.status == .unprocessableEntity)
                let fields = Set(
                    (try JSONDecoder().decode(ErrorResponse.self, from: Data(tooLong.body.utf8)).fields ?? []).map(
                        \.field))
                #expect(fields == ["validUntil", "justification", "patientNIN"])
                // a veterinarian applies for an animal (Fasinex vet. has MT in a notification country: R7, so a
                // medicine without one is used here)
                let vet = try await Self.post(
                    app, api, "/api/v1/exemptions", as: "veterinaer",
                    body: Self.application([
                        "medicineId": "prednisolon-mikstur-in", "indication": "B66.3", "applicantKind": "veterinarian",
                        "species": "animal", "animal": "Sau, besetning 12", "patientNIN": "",
                    ]))
                #expect(vet.status == .created, "\(vet.body)")
                // a trust leader may not apply
                let director = try await Self.post(app, api, "/api/v1/exemptions", as: "si-direktor", body: bedrocan)
                #expect(director.status == .forbidden)
            }
        }

        @Test func notificationsAreRecordedByThePharmacyAndCountedApart() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var imovane = Self.application([
                    "medicineId": "imovane-7-5mg", "indication": "G47.0", "prescriberName": "Frode Fastlege",
                    "prescriberHPR": "9300001",
                ])
                let notified = try await Self.post(app, api, "/api/v1/notifications", as: "si-farmasoyt", body: imovane)
                #expect(notified.status == .created, "\(notified.body)")
                #expect(notified.dto?.state == "notified" && notified.dto?.reference.hasPrefix("NOT-") == true)
                imovane["medicineId"] = "prednisolon-mikstur-in"
                imovane["indication"] = "J45.9"
                let needsAgency = try await Self.post(
                    app, api, "/api/v1/notifications", as: "si-farmasoyt", body: imovane)
                #expect(needsAgency.status == .unprocessableEntity)
                #expect(needsAgency.body.contains("R8"))
                let byGP = try await Self.post(app, api, "/api/v1/notifications", as: "fastlege", body: imovane)
                #expect(byGP.status == .forbidden)
                _ = try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: Self.application())
                try await app.testing().test(
                    .GET, "/api/v1/exemptions/counts", headers: api.headers(try await api.token("dmp-saksbehandler"))
                ) { res in
                    let counts = try res.content.decode(ExemptionCountsDTO.self)
                    #expect(counts.notifications == 1)
                    #expect(counts.agencyApplications == 1 && counts.pending == 1)
                }
                // the notification is the recording pharmacy's and the agency's, not another trust's
                let id = try #require(notified.dto?.id)
                for (username, status) in [
                    ("si-farmasoyt", HTTPStatus.ok), ("dmp-saksbehandler", .ok), ("hb-farmasoyt", .forbidden),
                    ("si-direktor", .forbidden), ("fastlege", .forbidden),
                ] {
                    try await app.testing().test(
                        .GET, "/api/v1/exemptions/\(id)", headers: api.headers(try await api.token(username))
                    ) { res in #expect(res.status == status, "\(username)") }
                }
            }
        }

        @Test func onlyTheApplicantAndTheAgencyReadAnApplicationAndEveryReadIsAudited() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let dto = try #require(
                    try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: Self.application()).dto)
                for username in DemoPeople.people.map(\.username) {
                    let allowed = ["fastlege", "dmp-saksbehandler"].contains(username)
                    try await app.testing().test(
                        .GET, "/api/v1/exemptions/\(dto.id)", headers: api.headers(try await api.token(username))
                    ) { res in #expect(res.status == (allowed ? .ok : .forbidden), "\(username)") }
                }
                let reads = try await AuditEntryModel.query(on: app.db).filter(\.$action == "exemption.read")
                    .filter(\.$caseID == dto.reference).all()
                #expect(Set(reads.map(\.actorID)) == ["fastlege", "dmp-saksbehandler"])
                #expect(reads.allSatisfy { $0.patientKey != nil && $0.patientKey != APIClient.patientNIN })
            }
        }

        @Test func anApprovedTrustCasePrefillsTheApplication() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let caseID = try await DatabaseTests.AfterApprovalTests.approve(
                    api, medicine: "prednisolon-mikstur-in", indication: "J45.9")
                let today = AppClock.dayInOslo(Date())
                let created = try await Self.post(
                    app, api, "/api/v1/exemptions", as: "si-lege",
                    body: ["fromCaseId": caseID, "validFrom": today.iso, "validUntil": today.addingDays(30)?.iso ?? ""])
                #expect(created.status == .created, "\(created.body)")
                let dto = try #require(created.dto)
                #expect(dto.prefilledFromTrustCase)
                #expect(dto.patientNIN == APIClient.patientNIN)
                #expect(dto.medicineId == "prednisolon-mikstur-in")
                // the agency sees no trust deliberations
                try await app.testing().test(
                    .GET, "/api/v1/exemptions/\(dto.id)", headers: api.headers(try await api.token("dmp-saksbehandler"))
                ) { res in
                    #expect(res.status == .ok)
                    #expect(!res.body.string.contains("assess_priority"))
                    #expect(!res.body.string.contains("Alvorlig"))
                }
                // somebody else's trust case cannot be used
                let other = try await Self.post(
                    app, api, "/api/v1/exemptions", as: "fastlege",
                    body: [
                        "fromCaseId": caseID, "validFrom": today.iso, "applicantKind": "general_practitioner",
                        "validUntil": today.addingDays(30)?.iso ?? "",
                    ])
                #expect(other.status == .forbidden)
            }
        }
    }
}

extension ExemptionDTO {
    /// A copy that claims another version, to provoke a conflict.
    static func withVersion(_ dto: ExemptionDTO, _ version: Int) -> ExemptionDTO {
        var data = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(dto))) as? [String: Any] ?? [:]
        data["version"] = version
        return (try? JSONDecoder().decode(ExemptionDTO.self, from: JSONSerialization.data(withJSONObject: data))) ?? dto
    }
}

extension DatabaseTests.ExemptionDeskTests {
    /// Issue 11 finding 1: R12 cannot be bypassed by the form. The veterinarian's profession comes from the HPR
    /// register, so choosing «Allmennlege» and a human patient is refused by R12; the GP and the dentist keep theirs.
    @Test func theApplicantsProfessionComesFromTheRegisterNotTheForm() async throws {
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            let api = APIClient(app: app)
            // given: a human patient's application claiming to be from a GP
            let claimed = Self.application(["applicantKind": "general_practitioner", "species": "human"])
            // when the veterinarian sends it
            let vet = try await Self.post(app, api, "/api/v1/exemptions", as: "veterinaer", body: claimed)
            // then: refused, as a veterinarian
            #expect(vet.status == .unprocessableEntity, "\(vet.body)")
            #expect(vet.dto == nil)
            // and the GP's own application is stored as a GP's, whatever the form says
            var gp = Self.application()
            gp["applicantKind"] = "veterinarian"
            let fromGP = try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: gp)
            #expect(fromGP.status == .created, "\(fromGP.body)")
            #expect(fromGP.dto?.applicantKind == "general_practitioner")
            // and an outside prescriber missing from the register cannot apply
            try await HPRRegisterModel.query(on: app.db).filter(\.$id == "9300002").delete()
            let dentist = try await Self.post(app, api, "/api/v1/exemptions", as: "tannlege", body: Self.application())
            #expect(dentist.status == .unprocessableEntity)
            #expect(dentist.body.contains("HPR-registeret"))
        }
    }
}

extension DatabaseTests.ExemptionDeskTests {
    /// Issue 11, the case officer's queue: the received date, the deadline on the working-day calendar, and the
    /// overdue first.
    @Test func theQueueShowsReceivedDateAndDeadlineAndPutsTheOverdueFirst() async throws {
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            // given: an application received today
            let api = APIClient(app: app)
            let sent = try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: Self.application())
            #expect(sent.status == .created, "\(sent.body)")
            let today = app.clock.today
            let deadline = try #require(WorkingDayCalendar.addingWorkingDays(3, to: today))
            func queue() async throws -> [ExemptionSummaryDTO] {
                var rows: [ExemptionSummaryDTO] = []
                try await app.testing().test(
                    .GET, "/api/v1/exemptions?list=todo",
                    headers: api.headers(try await api.token("dmp-saksbehandler"))
                ) { res in rows = try res.content.decode([ExemptionSummaryDTO].self) }
                return rows
            }
            // then
            let now = try #require(try await queue().first)
            #expect(now.receivedOn == today && now.deadline == deadline && !now.overdue)
            // when: the deadline has passed
            app.clock.set(Date().addingTimeInterval(10 * 24 * 60 * 60))
            let later = try #require(try await queue().first)
            app.clock.set(nil)
            #expect(later.overdue)
        }
    }
}

extension DatabaseTests.ExemptionDeskTests {
    /// Issue 11, the case officer's queue: search, filters, paging and a CSV export, with bad filters named.
    @Test func theQueueSearchesFiltersPagesAndExports() async throws {
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            // given: three applications
            let api = APIClient(app: app)
            for _ in 0..<3 {
                let sent = try await Self.post(app, api, "/api/v1/exemptions", as: "fastlege", body: Self.application())
                #expect(sent.status == .created, "\(sent.body)")
            }
            let officer = api.headers(try await api.token("dmp-saksbehandler"))
            func rows(_ query: String) async throws -> [ExemptionSummaryDTO] {
                var result: [ExemptionSummaryDTO] = []
                try await app.testing().test(.GET, "/api/v1/exemptions?\(query)", headers: officer) { res in
                    #expect(res.status == .ok, "\(res.body.string)")
                    result = (try? res.content.decode([ExemptionSummaryDTO].self)) ?? []
                }
                return result
            }
            // then: search, state and paging
            let all = try await rows("list=todo")
            #expect(all.count == 3)
            #expect(try await rows("list=todo&q=\(all[0].reference)").map(\.id) == [all[0].id])
            #expect(try await rows("list=todo&q=fastlege").count == 3)
            #expect(try await rows("list=todo&state=approved").isEmpty)
            #expect(try await rows("list=todo&limit=2").count == 2)
            #expect(try await rows("list=todo&limit=2&offset=2").count == 1)
            #expect(try await rows("list=todo&overdue=true").isEmpty)
            // bad filters are named
            try await app.testing().test(
                .GET, "/api/v1/exemptions?state=nope&limit=0&from=32.13.2026", headers: officer
            ) { res in
                #expect(res.status == .unprocessableEntity)
                let fields = Set((try? res.content.decode(ErrorResponse.self).fields?.map(\.field)) ?? [])
                #expect(fields == ["state", "limit", "from"])
            }
            // and the export holds every row, as CSV
            try await app.testing().test(.GET, "/api/v1/exemptions/export.csv?list=todo", headers: officer) { res in
                #expect(res.status == .ok && res.headers.contentType?.subType == "csv")
                #expect(res.body.string.split(separator: "\n").count == 4)
                #expect(!res.body.string.contains(APIClient.patientNIN))
            }
        }
    }
}
