import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Compassionate use in the trust (issue 4): every CUNP gate, the CUP flow, the manufacturer export, deviations.
    @Suite struct CompassionateUseTests {
        static func caseBody(kind: String, medicine: String) -> [String: Any] {
            [
                "kind": kind, "medicineId": medicine, "patientNIN": APIClient.patientNIN, "indication": "C71.9",
                "dosage": "200 mg x 2", "treatmentDuration": "4 måneder",
                "justification": "Dødelig sykdom uten alternativ; ikke aktuell for studie",
            ]
        }

        static func post(
            _ app: Application, _ api: APIClient, _ path: String, as username: String, _ body: [String: Any],
            version: Int? = nil
        ) async throws -> (status: HTTPStatus, dto: CUCaseDTO?, body: String) {
            var result: (HTTPStatus, CUCaseDTO?, String) = (.ok, nil, "")
            try await app.testing().test(
                .POST, path, headers: api.headers(try await api.token(username), version: version),
                body: try Fixtures.json(body)
            ) { res in result = (res.status, try? res.content.decode(CUCaseDTO.self), res.body.string) }
            return result
        }

        static func act(
            _ app: Application, _ api: APIClient, _ dto: CUCaseDTO, as username: String, _ body: [String: Any]
        ) async throws -> (status: HTTPStatus, dto: CUCaseDTO?, body: String) {
            try await post(app, api, "/api/v1/cu-cases/\(dto.id)/actions", as: username, body, version: dto.version)
        }

        @Test func aCUNPCaseThroughEveryGate() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let exemption = try await CompassionateUseDecisionTests.exemption(app, api)
                let created = try await Self.post(
                    app, api, "/api/v1/cu-cases", as: "si-lege",
                    Self.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale"))
                #expect(created.status == .created, "\(created.body)")
                var dto = try #require(created.dto)
                // a short agreement needs the pharmacy–trust agreement too; first use needs two specialists
                #expect(
                    dto.openGates == [
                        "two_specialist_assessments", "section_chief_handling", "exemption_approved",
                        "manufacturer_application_sent", "pharmacy_manufacturer_agreement", "pharmacy_trust_agreement",
                        "medical_director_informed",
                    ])
                let steps: [(String, [String: Any])] = [
                    ("si-lege", ["action": "specialist_assessment", "comment": "Aktuelt for gruppen"]),
                    ("si-avdelingsleder", ["action": "specialist_assessment", "comment": "Enig"]),
                    ("si-seksjonsoverlege", ["action": "section_chief_handling", "comment": "Kort avtale finnes"]),
                    ("si-lege", ["action": "exemption_approved", "exemptionReference": exemption.reference]),
                    ("si-lege", ["action": "manufacturer_application_sent"]),
                    ("si-farmasoyt", ["action": "pharmacy_manufacturer_agreement"]),
                    ("si-niva2", ["action": "pharmacy_trust_agreement"]),
                ]
                for (username, body) in steps {
                    // treatment start is refused, naming the open gates, until the last gate
                    let early = try await Self.act(app, api, dto, as: "si-lege", ["action": "start_treatment"])
                    #expect(early.status == .conflict, "\(body)")
                    #expect(early.body.contains("Åpne"))
                    let step = try await Self.act(app, api, dto, as: username, body)
                    #expect(step.status == .ok, "\(username) \(body): \(step.body)")
                    dto = try #require(step.dto)
                }
                #expect(dto.openGates == ["medical_director_informed"])
                // the wrong role is refused
                let wrong = try await Self.act(
                    app, api, dto, as: "si-farmasoyt", ["action": "medical_director_informed"])
                #expect(wrong.status == .forbidden)
                dto = try #require(
                    try await Self.act(app, api, dto, as: "si-niva2", ["action": "medical_director_informed"]).dto)
                #expect(dto.mayStartTreatment)
                // the linked decision is checked again at the start: 120 days on, its 90-day period has ended
                app.clock.set(Date().addingTimeInterval(120 * 86_400))
                let expired = try await Self.act(app, api, dto, as: "si-lege", ["action": "start_treatment"])
                #expect(expired.status == .conflict, "\(expired.body)")
                #expect(expired.body.contains("gjelder ikke i dag"), "\(expired.body)")
                app.clock.set(nil)
                dto = try #require(try await Self.act(app, api, dto, as: "si-lege", ["action": "start_treatment"]).dto)
                #expect(dto.state == "started")
                // a second case of the same medicine in the trust needs no new specialists' assessments
                let second = try #require(
                    try await Self.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege",
                        Self.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale")
                    ).dto)
                #expect(!second.openGates.contains("two_specialist_assessments"))
            }
        }

        @Test func withoutANationalAgreementTreatmentNeverStarts() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let dto = try #require(
                    try await Self.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege",
                        Self.caseBody(kind: "cunp", medicine: "demo-cunp-uten-avtale")
                    ).dto)
                #expect(dto.openGates.contains("national_agreement"))
                // the section chief must record contacting Sykehusinnkjøp
                let handled = try #require(
                    try await Self.act(
                        app, api, dto, as: "si-seksjonsoverlege",
                        ["action": "section_chief_handling", "comment": "Venter"]
                    ).dto)
                #expect(handled.openGates.contains("section_chief_handling"))
                // a CUP requisition needs an active programme; a medicine off the CU list is refused
                let cup = try await Self.post(
                    app, api, "/api/v1/cu-cases", as: "si-lege",
                    Self.caseBody(kind: "cup", medicine: "demo-cunp-uten-avtale"))
                #expect(cup.status == .unprocessableEntity)
                let offList = try await Self.post(
                    app, api, "/api/v1/cu-cases", as: "si-lege", Self.caseBody(kind: "cunp", medicine: "ilb-als"))
                #expect(offList.status == .unprocessableEntity)
            }
        }

        @Test func aCUPRequisitionThroughTheCostApproval() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var dto = try #require(
                    try await Self.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege",
                        Self.caseBody(kind: "cup", medicine: "demo-cup-cu-liste")
                    ).dto)
                #expect(dto.state == "requested")
                let early = try await Self.act(app, api, dto, as: "si-niva2", ["action": "approve_cost"])
                #expect(early.status == .forbidden || early.status == .conflict)
                dto = try #require(
                    try await Self.act(
                        app, api, dto, as: "si-farmasoyt",
                        [
                            "action": "check_agreement", "costAmount": "98 400", "costFrom": "01.01.2027",
                            "costTo": "30.06.2027", "costSupplier": "Roche Norge AS",
                        ]
                    ).dto)
                #expect(dto.state == "agreement_checked")
                let otherTrust = try await Self.act(app, api, dto, as: "hb-niva2", ["action": "approve_cost"])
                #expect(otherTrust.status == .forbidden)
                dto = try #require(try await Self.act(app, api, dto, as: "si-niva2", ["action": "approve_cost"]).dto)
                #expect(dto.state == "cost_approved")
                let stale = try await Self.post(
                    app, api, "/api/v1/cu-cases/\(dto.id)/actions", as: "si-lege", ["action": "cancel"], version: 1)
                #expect(stale.status == .conflict)
            }
        }

        @Test func theManufacturerExportHoldsNoPatientIdentity() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let dto = try #require(
                    try await Self.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege",
                        Self.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale")
                    ).dto)
                #expect(dto.patientNIN == APIClient.patientNIN)
                let birthDate = "15.03.1985"
                // a text that names the patient is refused, naming what was found; a de-identified one is kept
                for (text, status) in [
                    ("Kari Nordmann, født \(birthDate), har glioblastom (C71.9).", HTTPStatus.unprocessableEntity),
                    ("Pasient i 40-årene med glioblastom (C71.9), progresjon etter standardbehandling.", .noContent),
                ] {
                    try await app.testing().test(
                        .PUT, "/api/v1/cu-cases/\(dto.id)/manufacturer-text",
                        headers: api.headers(try await api.token("si-lege")),
                        body: try Fixtures.json(["text": text, "patientNames": "Kari Nordmann"])
                    ) { res in #expect(res.status == status, "\(res.body.string)") }
                }
                try await app.testing().test(
                    .GET, "/api/v1/cu-cases/\(dto.id)/manufacturer-application",
                    headers: api.headers(try await api.token("si-lege"))
                ) { res in
                    #expect(res.status == .ok)
                    let body = res.body.string
                    #expect(
                        !body.contains(APIClient.patientNIN) && !body.contains(String(APIClient.patientNIN.prefix(6))))
                    #expect(!body.contains(birthDate) && !body.contains("1985"))
                    #expect(!body.contains("Lise Lege"))  // not even the requesting physician's name
                    #expect(body.range(of: #"\d{11}"#, options: .regularExpression) == nil)
                    #expect(body.contains("C71.9") && body.contains(dto.reference))
                }
                let export = try await AuditEntryModel.query(on: app.db).filter(\.$action == "cu.manufacturer_export")
                    .count()
                #expect(export == 1)
                // another trust never sees the case
                try await app.testing().test(
                    .GET, "/api/v1/cu-cases/\(dto.id)", headers: api.headers(try await api.token("hb-farmasoyt"))
                ) { res in #expect(res.status == .forbidden) }
            }
        }

        @Test func advancedTherapyIsKeptThirtyYearsAndDeviationsAreListedForTheTrust() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var body = Self.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale")
                body["advancedTherapy"] = true
                let dto = try #require(try await Self.post(app, api, "/api/v1/cu-cases", as: "si-lege", body).dto)
                #expect(dto.retentionYears == 30)
                try await app.testing().test(
                    .POST, "/api/v1/deviations", headers: api.headers(try await api.token("si-lege")),
                    body: try Fixtures.json([
                        "category": "started_before_gates", "description": "Første dose gitt før produsentavtalen",
                        "caseReference": dto.reference,
                    ])
                ) { res in #expect(res.status == .created) }
                try await app.testing().test(
                    .POST, "/api/v1/deviations", headers: api.headers(try await api.token("si-lege")),
                    body: try Fixtures.json(["category": "x", "description": ""])
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    let fields = try res.content.decode(ErrorResponse.self).fields?.map(\.field) ?? []
                    #expect(Set(fields) == ["category", "description"])
                }
                try await app.testing().test(
                    .GET, "/api/v1/deviations", headers: api.headers(try await api.token("si-niva2"))
                ) { res in
                    let listed = try res.content.decode([DeviationDTO].self)
                    #expect(listed.map(\.caseReference) == [dto.reference])
                }
                try await app.testing().test(
                    .GET, "/api/v1/deviations", headers: api.headers(try await api.token("hb-niva2"))
                ) { res in
                    let listed = try res.content.decode([DeviationDTO].self)
                    #expect(listed.isEmpty)
                }
                try await app.testing().test(
                    .GET, "/api/v1/deviations", headers: api.headers(try await api.token("si-lege"))
                ) { res in #expect(res.status == .forbidden) }
            }
        }
    }
}

extension DatabaseTests {
    @Suite struct CURegisterTests {
        @Test func theRegisterListsTheNationalCUListWithProgrammeAgreementAnnexesAndPharmacy() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                try await app.testing().test(
                    .GET, "/api/v1/cu-register", headers: api.headers(try await api.token("si-lege"))
                ) { res in
                    let entries = try res.content.decode([CURegisterEntry].self)
                    #expect(
                        Set(entries.map(\.medicineId)) == [
                            "demo-cup-cu-liste", "demo-cunp-uten-avtale", "demo-cunp-kort-avtale",
                        ])
                    let cup = try #require(entries.first { $0.medicineId == "demo-cup-cu-liste" })
                    #expect(cup.programme == "active" && cup.agreement == "long")
                    #expect(cup.annexes.count == 3 && cup.supplyingPharmacy == "Sykehusapoteket Innlandet")
                }
            }
        }
    }
}

extension DatabaseTests.CompassionateUseTests {
    /// Second look: the treating specialist's steps are the requester's, not any physician's of the trust.
    @Test func onlyTheRequestingSpecialistWritesTheManufacturerTextAndStartsTreatment() async throws {
        try await withTilgangApp(demoData: true, demoPeople: true) { app in
            // given: a section chief's CUNP case
            let api = APIClient(app: app)
            let dto = try #require(
                try await Self.post(
                    app, api, "/api/v1/cu-cases", as: "si-seksjonsoverlege",
                    Self.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale")
                ).dto)
            let text = ["text": "Pasient i 40-årene med glioblastom (C71.9) og progresjon."]
            // then: another physician of the trust may not write its manufacturer text; the requester may
            try await app.testing().test(
                .PUT, "/api/v1/cu-cases/\(dto.id)/manufacturer-text",
                headers: api.headers(try await api.token("si-lege")), body: try Fixtures.json(text)
            ) { #expect($0.status == .forbidden) }
            try await app.testing().test(
                .PUT, "/api/v1/cu-cases/\(dto.id)/manufacturer-text",
                headers: api.headers(try await api.token("si-seksjonsoverlege")), body: try Fixtures.json(text)
            ) { #expect($0.status == .noContent) }
            // and another physician cannot record the treating specialist's gates
            try await app.testing().test(
                .POST, "/api/v1/cu-cases/\(dto.id)/actions",
                headers: api.headers(try await api.token("si-lege"), version: dto.version),
                body: try Fixtures.json(["action": "manufacturer_application_sent"])
            ) { #expect($0.status == .forbidden) }
        }
    }
}
