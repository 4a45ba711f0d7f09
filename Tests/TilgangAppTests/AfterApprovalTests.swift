import Fluent
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp
@testable import TilgangDomain

extension DatabaseTests {
    @Suite struct AfterApprovalTests {
        /// Takes a new application for `medicine` through the whole chain and returns its id.
        static func approve(_ api: APIClient, medicine: String, indication: String) async throws -> String {
            var body = APIClient.draft()
            body["medicineId"] = medicine
            body["indication"] = indication
            let (id, v1) = try await api.createCase(as: "si-lege", body: body)
            var v = try await api.toCommittee(id, draftVersion: v1)
            v = try await api.committeeRecommends(on: id, version: v, as: "si-komite").version
            let done = try await api.act("approve", on: id, version: v, as: "si-direktor", fields: ["comment": "Ja"])
            #expect(done.status == .ok)
            return id
        }

        static func archive(_ api: APIClient, _ id: String) async throws -> CaseDTO {
            var result: CaseDTO?
            try await api.app.testing().test(
                .GET, "/api/v1/cases/\(id)/archive", headers: api.headers(try await api.token("si-lege"))
            ) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""format":"tilgang-archive-copy""#))
                result = try res.content.decode(CaseAPIController.ArchiveCopy.self).caseRecord
            }
            return try #require(result)
        }

        @Test func hDrugWithMTGetsHPrescriptionGuidanceAndNeverAnExemption() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given
                let api = APIClient(app: app)
                let id = try await Self.approve(api, medicine: "mabthera-500mg", indication: "G35")
                // when
                let copy = try await Self.archive(api, id)
                // then: Sykehuset Innlandet's codes from seed 001
                let guidance = try #require(copy.guidance)
                #expect(guidance.inHospitalUse.contains("DM 0228"))
                #expect(guidance.prescription.contains("Prosjektkode DM 0231 Off-label H-resept"))
                #expect(guidance.exemptionStep == nil)
                #expect(copy.exemptionApplication == nil)
                #expect(copy.retentionYears == 10)
            }
        }

        @Test func unlicensedMedicineGetsWhitePrescriptionNoteAndAPrefilledExemption() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let id = try await Self.approve(api, medicine: "imovane-7-5mg", indication: "G47.0")
                let copy = try await Self.archive(api, id)
                let guidance = try #require(copy.guidance)
                let today = app.clock.today.norwegian
                #expect(
                    guidance.prescription.contains(
                        "Godkjent off-label behandling av direktør Medisin og helsefag i SIHF, dato \(today)"))
                #expect(guidance.prescription.contains("DM 0223"))
                #expect(guidance.exemptionStep?.contains("R7") == true)
                let exemption = try #require(copy.exemptionApplication)
                #expect(exemption.patientNIN == APIClient.patientNIN)
                #expect(exemption.route == "exemption_notification")
                #expect(exemption.trustCaseNumber == copy.caseNumber)
            }
        }

        @Test func printableArchiveCopyIsTheCompletePaperForm() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                let api = APIClient(app: app)
                let id = try await Self.approve(api, medicine: "mabthera-500mg", indication: "G35")
                let (cookie, _) = try await AuthTests.signIn(app, as: "si-direktor")
                var headers = HTTPHeaders()
                headers.cookie = ["tilgang-session": .init(string: cookie)]
                try await app.testing().test(.GET, "/saker/\(id)/arkiv", headers: headers) { res in
                    #expect(res.status == .ok)
                    let html = res.body.string
                    // A decision record: the «Vedtak» block, every step's assessment with name and time, the
                    // trust's full name, and no internal code.
                    for text in [
                        APIClient.patientNIN, "Aktiv MS", "DM 0231", "id=\"archive-decision\"", "Vedtatt av",
                        "Dag Direktør", "Sykehuset Innlandet HF", "Anbefaler godkjenning", "Anders Avdelingsleder",
                        "Dora Divisjonsdirektør", "Kari Komité", "komiteens medlemmer", "elektronisk",
                    ] {
                        #expect(html.contains(text), "\(text)")
                    }
                    for code in ["off_label", "recommend_approval", "director_decision", "(R2 R13 )"] {
                        #expect(!html.contains(code), "internal code \(code) on the archive copy")
                    }
                }
            }
        }
    }
}
