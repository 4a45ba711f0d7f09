import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Issue 18: the CUNP exemption gate names the real decision, the CUP cost agreement is approved as entered,
    /// and the patient's identity number is only for those who handle the patient.
    @Suite struct CompassionateUseDecisionTests {
        typealias CU = CompassionateUseTests

        /// An application by `si-lege` for the CUNP medicine, decided by the agency officer (`approve` or `refuse`).
        static func exemption(
            _ app: Application, _ api: APIClient, patient: String = APIClient.patientNIN,
            medicine: String = "demo-cunp-kort-avtale", decision: String = "approve"
        ) async throws -> ExemptionDTO {
            let submitted = try await ExemptionDeskTests.post(
                app, api, "/api/v1/exemptions", as: "si-lege",
                body: ExemptionDeskTests.application([
                    "medicineId": medicine, "patientNIN": patient, "applicantKind": "hospital_specialist",
                    "indication": "C61",
                    "justification": "Metastatisk kastrasjonsresistent prostatakreft; "
                        + "alle godkjente alternativer er prøvd, og pasienten er ikke aktuell for studie.",
                    "quantity": "6 doser", "fatalWithoutAlternatives": true, "eligibleForClinicalTrial": false,
                ]))
            var dto = try #require(submitted.dto, "\(submitted.body)")
            dto = try #require(
                try await ExemptionDeskTests.act(app, api, dto, as: "dmp-saksbehandler", ExemptionDeskTests.assessment)
                    .dto)
            let decided = try await ExemptionDeskTests.act(
                app, api, dto, as: "dmp-saksbehandler",
                ["action": decision, "reasons": "Individuell vurdering: \(decision) for \(UUID().uuidString)."])
            return try #require(decided.dto, "\(decided.body)")
        }

        static func cunp(_ app: Application, _ api: APIClient) async throws -> CUCaseDTO {
            try #require(
                try await CU.post(
                    app, api, "/api/v1/cu-cases", as: "si-lege",
                    CU.caseBody(kind: "cunp", medicine: "demo-cunp-kort-avtale")
                ).dto)
        }

        @Test func theExemptionGateAcceptsOnlyTheApprovedDecisionForThisPatientAndMedicine() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let approved = try await Self.exemption(app, api)
                #expect(approved.state == "approved")
                let otherPatient = try await Self.exemption(app, api, patient: APIClient.otherPatientNIN)
                let refused = try await Self.exemption(app, api, decision: "refuse")
                #expect(refused.state == "refused")
                var dto = try await Self.cunp(app, api)
                // a made-up reference, another patient's decision and a refusal are each refused on the field
                for (reference, expected) in [
                    ("finnes-ikke-123", "finnes ikke"), (otherPatient.reference, "annen pasient"),
                    (refused.reference, "ikke innvilget"),
                ] {
                    let attempt = try await CU.act(
                        app, api, dto, as: "si-lege", ["action": "exemption_approved", "exemptionReference": reference])
                    #expect(attempt.status == .unprocessableEntity, "\(reference): \(attempt.body)")
                    #expect(attempt.body.contains(expected), "\(attempt.body)")
                    #expect(
                        attempt.body.contains(#""field":"exemptionReference""#), "the field is named: \(attempt.body)")
                    #expect(!attempt.body.contains(APIClient.otherPatientNIN) && !attempt.body.contains("020771"))
                }
                // another physician of the department may not link it, even with the right number
                let colleague = try await CU.act(
                    app, api, dto, as: "si-avdelingsleder",
                    ["action": "exemption_approved", "exemptionReference": approved.reference])
                #expect(colleague.status == .forbidden)
                // the approved decision for the patient passes the gate, typed in lower case
                let linked = try await CU.act(
                    app, api, dto, as: "si-lege",
                    ["action": "exemption_approved", "exemptionReference": approved.reference.lowercased()])
                #expect(linked.status == .ok, "\(linked.body)")
                dto = try #require(linked.dto)
                #expect(!dto.openGates.contains("exemption_approved"))
                let link = try #require(dto.exemptionLink)
                #expect(link.kind == "tilgang" && link.reference == approved.reference)
                #expect(link.state == "approved" && link.validToday == true)
                #expect(link.validFrom == approved.validFrom && link.validUntil == approved.validUntil)
                // the audit row names the decision linked, and carries the patient only as a key
                let audited = try await AuditEntryModel.query(on: app.db).filter(\.$action == "cu.exemption_approved")
                    .all()
                #expect(audited.map(\.detail) == ["vedtak=tilgang \(approved.reference)"])
                #expect(audited.allSatisfy { $0.patientKey != nil && !$0.detail.contains(APIClient.patientNIN) })
                // the case page shows the decision, its status and period
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-lege", password: DemoPeople.password).status == 303)
                    let page = try browser.get("/cu/\(dto.id)").body
                    #expect(page.contains("id=\"linked-exemption\""))
                    #expect(page.contains(approved.reference))
                    #expect(page.contains("Innvilget"))
                    #expect(page.contains("Lise Lege (SI), Medisinsk avdeling, Hamar"), "the department by name")
                    #expect(page.contains("\(approved.validFrom.norwegian)–\(approved.validUntil.norwegian)"))
                }
            }
        }

        @Test func anExternalReferenceIsConfirmedByThePharmacistAndMarkedAsSuch() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var dto = try await Self.cunp(app, api)
                let external: [String: Any] = ["action": "exemption_approved", "externalReference": "26/04711-3"]
                // the physician cannot vouch for an external reference
                let physician = try await CU.act(app, api, dto, as: "si-lege", external)
                #expect(physician.status == .forbidden, "\(physician.body)")
                // the pharmacist must tick the confirmation
                let unconfirmed = try await CU.act(app, api, dto, as: "si-farmasoyt", external)
                #expect(unconfirmed.status == .unprocessableEntity)
                #expect(unconfirmed.body.contains(#""field":"externalConfirmed""#))
                var confirmed = external
                confirmed["externalConfirmed"] = true
                let passed = try await CU.act(app, api, dto, as: "si-farmasoyt", confirmed)
                #expect(passed.status == .ok, "\(passed.body)")
                dto = try #require(passed.dto)
                let link = try #require(dto.exemptionLink)
                #expect(link.kind == "external" && link.label == "Ekstern referanse, bekreftet av farmasøyt")
                #expect(link.confirmedBy?.contains("(SI)") == true && link.confirmedAt != nil)
                #expect(dto.events.last?.comment?.contains("Ekstern referanse, bekreftet av farmasøyt") == true)
                #expect(!dto.openGates.contains("exemption_approved"))
            }
        }

        @Test func theLevel2LeaderApprovesExactlyTheDraftCostAgreement() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                var dto = try #require(
                    try await CU.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege",
                        CU.caseBody(kind: "cup", medicine: "demo-cup-cu-liste")
                    ).dto)
                // the check carries the draft; missing and implausible fields are named
                let bare = try await CU.act(app, api, dto, as: "si-farmasoyt", ["action": "check_agreement"])
                #expect(
                    bare.status == .unprocessableEntity && bare.body.contains(#""field":"costAmount""#), "\(bare.body)")
                let absurd = try await CU.act(
                    app, api, dto, as: "si-farmasoyt",
                    [
                        "action": "check_agreement", "costAmount": "250 000 000", "costFrom": "01.12.1899",
                        "costTo": "02.12.1999", "costSupplier": "Novartis Norge AS",
                    ])
                #expect(absurd.status == .unprocessableEntity)
                for field in ["costAmount", "costFrom", "costTo"] {
                    #expect(absurd.body.contains("\"field\":\"\(field)\""), "\(field): \(absurd.body)")
                }
                let draft: [String: Any] = [
                    "action": "check_agreement", "costAmount": "184 250,50", "costFrom": "01.01.2027",
                    "costTo": "31.12.2027", "costSupplier": "Novartis Norge AS", "costReference": "SHI-2026-117",
                ]
                dto = try #require(try await CU.act(app, api, dto, as: "si-farmasoyt", draft).dto)
                #expect(dto.state == "agreement_checked")
                let agreement = try #require(dto.costAgreement)
                #expect(agreement.amountOre == 18_425_050 && agreement.amount == "184 250,50 kr")
                #expect(agreement.from.iso == "2027-01-01" && agreement.supplier == "Novartis Norge AS")
                #expect(dto.costApproval == nil)
                // the requester cannot approve; the level-2 leader does, and who/when is recorded
                let own = try await CU.act(app, api, dto, as: "si-lege", ["action": "approve_cost"])
                #expect(own.status == .forbidden)
                dto = try #require(try await CU.act(app, api, dto, as: "si-niva2", ["action": "approve_cost"]).dto)
                #expect(dto.state == "cost_approved")
                let approval = try #require(dto.costApproval)
                #expect(approval.coversCurrentAgreement && approval.agreement.amountOre == 18_425_050)
                #expect(approval.approvedBy.contains("(SI)"))
                #expect(dto.events.last?.comment?.contains("184 250,50 kr") == true)
                // a change after the approval needs a new approval
                var revised = draft
                revised["action"] = "revise_agreement"
                revised["costAmount"] = "190 000"
                dto = try #require(try await CU.act(app, api, dto, as: "si-farmasoyt", revised).dto)
                #expect(dto.state == "agreement_checked" && dto.costApproval == nil)
                #expect(dto.costAgreement?.amountOre == 19_000_000)
                dto = try #require(try await CU.act(app, api, dto, as: "si-niva2", ["action": "approve_cost"]).dto)
                #expect(dto.costApproval?.agreement.amountOre == 19_000_000)
                // the page shows the agreement and the approval
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-niva2", password: DemoPeople.password).status == 303)
                    let page = try browser.get("/cu/\(dto.id)").body
                    #expect(page.contains("190 000 kr"))
                    #expect(page.contains("Godkjent av Nils Nivå-to (SI)"))
                    #expect(page.contains("01.01.2027–31.12.2027"))
                }
            }
        }

        @Test func theIdentityNumberIsForTheRequesterAndThePharmacyOnly() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let dto = try await Self.cunp(app, api)
                let masked = String(APIClient.patientNIN.prefix(6)) + "*****"
                for (username, sees) in [
                    ("si-lege", true), ("si-farmasoyt", true), ("si-avdelingsleder", false),
                    ("si-seksjonsoverlege", false), ("si-niva2", false), ("si-direktor", false),
                ] {
                    var body = ""
                    var status = HTTPStatus.ok
                    try await app.testing().test(
                        .GET, "/api/v1/cu-cases/\(dto.id)", headers: api.headers(try await api.token(username))
                    ) { res in
                        body = res.body.string
                        status = res.status
                    }
                    #expect(status == .ok, "\(username): \(body)")
                    #expect(body.contains(APIClient.patientNIN) == sees, "\(username)")
                    #expect(body.contains(masked), "\(username) sees the masked number")
                }
                // the list never carries it
                try await app.testing().test(
                    .GET, "/api/v1/cu-cases", headers: api.headers(try await api.token("si-lege"))
                ) { res in #expect(!res.body.string.contains(APIClient.patientNIN)) }
            }
        }

        @Test func thePagesFormsNameTheFieldAndKeepWhatWasTyped() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let cunp = try await Self.cunp(app, api)
                let cup = try #require(
                    try await CU.post(
                        app, api, "/api/v1/cu-cases", as: "si-lege",
                        CU.caseBody(kind: "cup", medicine: "demo-cup-cu-liste")
                    ).dto)
                try await app.withRealServer { port in
                    let browser = RealServerSession(port: port)
                    #expect(try browser.signIn("si-farmasoyt", password: DemoPeople.password).status == 303)
                    // the pharmacist's external reference without the confirmation is refused on the checkbox
                    var token = try browser.csrf(on: "/cu/\(cunp.id)")
                    let unconfirmed = try browser.post(
                        "/cu/\(cunp.id)/handling",
                        [
                            ("csrf", token), ("version", "\(cunp.version)"), ("action", "exemption_approved"),
                            ("externalReference", "Vedtak 26/04711-3 fra DMP, datert 12.11.2026"),
                        ])
                    #expect(unconfirmed.status == 422)
                    #expect(unconfirmed.body.contains("Jeg har kontrollert vedtaket"))
                    #expect(unconfirmed.body.contains("value=\"Vedtak 26/04711-3 fra DMP, datert 12.11.2026\""))
                    // a made-up amount keeps the typed agreement in the fields
                    token = try browser.csrf(on: "/cu/\(cup.id)")
                    let bad = try browser.post(
                        "/cu/\(cup.id)/handling",
                        [
                            ("csrf", token), ("version", "\(cup.version)"), ("action", "check_agreement"),
                            ("costAmount", "0"), ("costFrom", "01.01.2027"), ("costTo", "31.12.2033"),
                            ("costSupplier", "Bayer AS – avdeling for sjeldne sykdommer, Østensjøveien"),
                        ])
                    #expect(bad.status == 422)
                    #expect(bad.body.contains("id=\"costAmount-error\"") && bad.body.contains("id=\"costTo-error\""))
                    #expect(bad.body.contains("Beløp (kr): må være større enn 0 kr"))
                    #expect(bad.body.contains("Bayer AS – avdeling for sjeldne sykdommer, Østensjøveien"))
                    #expect(!bad.body.contains("costAmount:"), "no internal field names on screen")
                }
            }
        }
    }
}
