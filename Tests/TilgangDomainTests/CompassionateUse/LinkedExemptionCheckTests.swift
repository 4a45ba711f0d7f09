import Foundation
import Testing

@testable import TilgangDomain

/// The CUNP exemption gate names a real decision (issue 18): an approved agency decision for the same patient and
/// medicine, valid today; or an external reference that a hospital pharmacist confirms.
@Suite struct LinkedExemptionCheckTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    static let facts = LinkedExemptionCheck.CaseFacts(
        patientKey: "pasient-a", medicineID: "demo-cunp", substance: "Lutetium (177Lu) vipivotidtetraksetan")

    static func exemption(
        agency: Bool = true, state: ExemptionState? = .approved, patient: String? = "pasient-a",
        medicine: String = "demo-cunp", substance: String? = "lutetium (177lu) vipivotidtetraksetan",
        from: CalendarDate? = CalendarDate(year: 2026, month: 11, day: 1),
        until: CalendarDate? = CalendarDate(year: 2027, month: 10, day: 31)
    ) -> LinkedExemptionCheck.Exemption {
        .init(
            isAgencyApplication: agency, state: state, patientKey: patient, medicineID: medicine, substance: substance,
            validFrom: from, validUntil: until)
    }

    static func problem(_ exemption: LinkedExemptionCheck.Exemption?, reference: String = "DMP-2026-000007")
        -> String?
    {
        LinkedExemptionCheck.problem(reference: reference, exemption: exemption, for: facts, today: today)?.message
    }

    @Test func anApprovedDecisionForTheSamePatientAndMedicineValidTodayPasses() {
        #expect(Self.problem(Self.exemption()) == nil)
        // a decision allowed on appeal counts as granted; another product with the same substance too
        #expect(Self.problem(Self.exemption(state: .appealAllowed)) == nil)
        #expect(Self.problem(Self.exemption(medicine: "annen-pakning")) == nil)
        // the first and the last day of the period are inside it
        #expect(Self.problem(Self.exemption(from: Self.today, until: Self.today)) == nil)
    }

    @Test func everyOtherDecisionIsRefusedSayingWhy() throws {
        #expect(try #require(Self.problem(nil, reference: "finnes-ikke-123")).contains("finnes ikke"))
        #expect(try #require(Self.problem(nil, reference: "")).contains("må fylles ut"))
        #expect(try #require(Self.problem(Self.exemption(agency: false))).contains("notifisering"))
        for state in [ExemptionState.submitted, .underAssessment, .refused, .appealed, .appealDismissed] {
            #expect(try #require(Self.problem(Self.exemption(state: state))).contains("ikke innvilget"))
        }
        #expect(try #require(Self.problem(Self.exemption(patient: "pasient-b"))).contains("annen pasient"))
        #expect(try #require(Self.problem(Self.exemption(patient: nil))).contains("annen pasient"))
        #expect(
            try #require(Self.problem(Self.exemption(medicine: "annet", substance: "prednisolon")))
                .contains("annet legemiddel"))
        // no substance on either side is not «the same substance»
        #expect(Self.problem(Self.exemption(medicine: "annet", substance: "")) != nil)
        let expired = try #require(
            Self.problem(Self.exemption(until: CalendarDate(year: 2026, month: 11, day: 28))))
        #expect(expired.contains("gjelder ikke i dag") && expired.contains("28.11.2026"))
        #expect(Self.problem(Self.exemption(from: CalendarDate(year: 2026, month: 11, day: 30))) != nil)
        // every message is on the reference field, and none carries an identity number
        let error = LinkedExemptionCheck.problem(
            reference: "X", exemption: Self.exemption(patient: "b"), for: Self.facts, today: Self.today)
        #expect(error?.field == "exemptionReference")
    }

    @Test func anExternalReferenceIsThePharmacistsToConfirm() throws {
        let lege = CUActor(personID: "lege", role: .physician, trustID: "SI")
        let pharmacist = CUActor(personID: "farmasoyt", role: .hospitalPharmacist, trustID: "SI")
        let context = CUNPContext(firstUseInTrust: false, agreement: .long, pharmacyCostsCharged: false)
        func record(_ link: ExemptionLink, by actor: CUActor) throws(CUError) -> CUNPProgress {
            try CUNPWorkflow.record(
                .exemptionApproved(link), by: actor, trustID: "SI", to: CUNPProgress(), in: context,
                requesterID: "lege")
        }
        let external = ExemptionLink(
            kind: .external, reference: " 26/01234-5 ", confirmedBy: "Frida Farmasøyt", confirmedAt: Date())
        #expect(throws: CUError.wrongRole(.hospitalPharmacist)) { try record(external, by: lege) }
        var unconfirmed = external
        unconfirmed.confirmedBy = nil
        #expect(throws: CUError.missing(field: "externalConfirmed")) { try record(unconfirmed, by: pharmacist) }
        let passed = try record(external, by: pharmacist)
        #expect(passed.isPassed(.exemptionApproved, in: context))
        #expect(passed.exemptionLink?.reference == "26/01234-5" && passed.exemptionLink?.kind == .external)
        // a Tilgang decision is linked by the treating specialist or the pharmacy, nobody else
        let tilgang = ExemptionLink(kind: .tilgang, reference: "DMP-2026-000007")
        #expect(try record(tilgang, by: lege).exemptionReference == "DMP-2026-000007")
        #expect(try record(tilgang, by: pharmacist).isPassed(.exemptionApproved, in: context))
        #expect(throws: CUError.wrongRole(.physician)) {
            try record(tilgang, by: CUActor(personID: "lege2", role: .physician, trustID: "SI"))
        }
        #expect(ExemptionLink.normalisedCaseNumber(" dmp-2026-000007\n") == "DMP-2026-000007")
    }

    @Test func aProgressStoredBeforeLinksDecodesWithoutOne() throws {
        let old =
            #"{"specialistAssessors":[],"sectionChiefHandled":false,"sykehusinnkjopContacted":false,"exemptionReference":"finnes-ikke-123","manufacturerApplicationSent":false,"pharmacyManufacturerAgreement":false,"pharmacyTrustAgreement":false,"medicalDirectorInformed":false,"treatmentStarted":false}"#
        let progress = try JSONDecoder().decode(CUNPProgress.self, from: Data(old.utf8))
        #expect(progress.exemptionReference == "finnes-ikke-123" && progress.exemptionLink == nil)
    }
}
