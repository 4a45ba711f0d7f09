import Foundation
import Testing

@testable import TilgangDomain

/// CUP requisitions (SPEC §7): national CU list, active programme, agreement check, level-2 cost approval.
@Suite struct CUPWorkflowTests {
    static let physician = CUActor(personID: "lege", role: .physician, trustID: "SI")
    static let pharmacist = CUActor(personID: "farmasoyt", role: .hospitalPharmacist, trustID: "SI")
    static let level2 = CUActor(personID: "niva2", role: .level2Leader, trustID: "SI")

    static let draft = CUPCostAgreement(
        amountOre: 125_000_00, from: CalendarDate(year: 2027, month: 1, day: 1)!,
        to: CalendarDate(year: 2027, month: 12, day: 31)!, supplier: "Novartis Norge AS", reference: nil)

    static func apply(
        _ action: CUPAction, by actor: CUActor, _ state: CUPState, agreement: NationalStandardAgreement = .long,
        requester: String = "lege", cost: CUPCostAgreement? = draft
    ) throws(CUError) -> CUPState {
        try CUPWorkflow.apply(
            action, by: actor, state: state, trustID: "SI", requesterID: requester, agreement: agreement,
            costAgreement: cost)
    }

    @Test func onlyAProgrammeOnTheNationalListCanBeRequisitioned() throws {
        try CUPWorkflow.checkRequest(
            medicine: Fixtures.earlyPhase(cup: .active, onCUList: true, agreement: .long), by: Self.physician)
        #expect(throws: CUError.notOnNationalList) {
            try CUPWorkflow.checkRequest(medicine: Fixtures.earlyPhase(cup: .active), by: Self.physician)
        }
        #expect(throws: CUError.noActiveProgramme) {
            try CUPWorkflow.checkRequest(
                medicine: Fixtures.earlyPhase(cup: .ended, onCUList: true), by: Self.physician)
        }
        #expect(throws: CUError.wrongRole(.physician)) {
            try CUPWorkflow.checkRequest(
                medicine: Fixtures.earlyPhase(cup: .active, onCUList: true), by: Self.pharmacist)
        }
    }

    @Test func pharmacyChecksTheAgreementThenLevel2ApprovesTheCost() throws {
        #expect(try Self.apply(.checkAgreement, by: Self.pharmacist, .requested) == .agreementChecked)
        #expect(throws: CUError.noNationalAgreement) {
            try Self.apply(.checkAgreement, by: Self.pharmacist, .requested, agreement: .none)
        }
        #expect(throws: CUError.wrongRole(.hospitalPharmacist)) {
            try Self.apply(.checkAgreement, by: Self.level2, .requested)
        }
        #expect(try Self.apply(.approveCost, by: Self.level2, .agreementChecked) == .costApproved)
        #expect(throws: CUError.notAllowedInState(action: "approve_cost", state: CUPState.requested.title)) {
            try Self.apply(.approveCost, by: Self.level2, .requested)
        }
        #expect(throws: CUError.fourEyes) {
            try Self.apply(.approveCost, by: Self.level2, .agreementChecked, requester: "niva2")
        }
        #expect(throws: CUError.otherTrust) {
            try Self.apply(
                .approveCost, by: CUActor(personID: "x", role: .level2Leader, trustID: "HB"), .agreementChecked)
        }
        #expect(try Self.apply(.cancel, by: Self.physician, .agreementChecked) == .cancelled)
    }

    @Test func theCostApprovalIsForADraftAgreementAndAChangeNeedsANewApproval() throws {
        // the pharmacist's check carries the draft; without it, the field is named
        #expect(throws: CUError.missing(field: "costAmount")) {
            try Self.apply(.checkAgreement, by: Self.pharmacist, .requested, cost: nil)
        }
        // the leader cannot approve when nothing is stored
        #expect(throws: CUError.noCostAgreement) {
            try Self.apply(.approveCost, by: Self.level2, .agreementChecked, cost: nil)
        }
        // a revision after the approval goes back to the leader; only the pharmacist revises
        #expect(try Self.apply(.reviseAgreement, by: Self.pharmacist, .costApproved) == .agreementChecked)
        #expect(throws: CUError.wrongRole(.hospitalPharmacist)) {
            try Self.apply(.reviseAgreement, by: Self.level2, .costApproved)
        }
        #expect(throws: CUError.self) { try Self.apply(.reviseAgreement, by: Self.pharmacist, .requested) }
        let approval = CUPCostApproval(
            agreement: Self.draft, approvedByID: "niva2", approvedBy: "Nina Nivå", approvedAt: Date())
        var changed = Self.draft
        changed.amountOre += 1
        #expect(approval.covers(Self.draft))
        #expect(!approval.covers(changed))
        #expect(!approval.covers(nil))
    }
}

/// CUNP gates (SPEC §7): each gate, first use versus later use, no national agreement, treatment start.
@Suite struct CUNPGateTests {
    static let lege = CUActor(personID: "lege", role: .physician, trustID: "SI")
    static let lege2 = CUActor(personID: "lege2", role: .physician, trustID: "SI")
    static let chief = CUActor(personID: "seksjon", role: .sectionChief, trustID: "SI")
    static let pharmacist = CUActor(personID: "farmasoyt", role: .hospitalPharmacist, trustID: "SI")
    static let level2 = CUActor(personID: "niva2", role: .level2Leader, trustID: "SI")
    static let first = CUNPContext(firstUseInTrust: true, agreement: .long, pharmacyCostsCharged: false)

    static func record(
        _ events: [(CUNPEvent, CUActor)], in context: CUNPContext = first, from start: CUNPProgress = CUNPProgress()
    ) throws(CUError) -> CUNPProgress {
        var progress = start
        for (event, actor) in events {
            progress = try CUNPWorkflow.record(event, by: actor, trustID: "SI", to: progress, in: context)
        }
        return progress
    }

    static let everyGate: [(CUNPEvent, CUActor)] = [
        (.specialistAssessment(comment: "Aktuelt for gruppen"), lege),
        (.specialistAssessment(comment: "Enig"), lege2),
        (.sectionChiefHandling(sykehusinnkjopContacted: false, comment: "Avtale finnes"), chief),
        (.exemptionApproved(ExemptionLink(kind: .tilgang, reference: "DMP-2026-000001")), lege),
        (.manufacturerApplicationSent, lege),
        (.pharmacyManufacturerAgreement, pharmacist),
        (.medicalDirectorInformed, level2),
    ]

    @Test func everyGateInOrderThenTreatmentStarts() throws {
        var progress = CUNPProgress()
        #expect(
            progress.openGates(in: Self.first) == [
                .twoSpecialistAssessments, .sectionChiefHandling, .exemptionApproved, .manufacturerApplicationSent,
                .pharmacyManufacturerAgreement, .medicalDirectorInformed,
            ])
        for (index, step) in Self.everyGate.enumerated() {
            #expect(throws: CUError.self) { try Self.record([(.startTreatment, Self.lege)], from: progress) }
            progress = try Self.record([step], from: progress)
            if index == 0 { #expect(progress.openGates(in: Self.first).first == .twoSpecialistAssessments) }
        }
        #expect(progress.mayStartTreatment(in: Self.first))
        let started = try Self.record([(.startTreatment, Self.lege)], from: progress)
        #expect(started.treatmentStarted)
        #expect(throws: CUError.notAllowedInState(action: "medical_director_informed", state: "behandling startet")) {
            try Self.record([(.medicalDirectorInformed, Self.level2)], from: started)
        }
    }

    @Test func startNamesTheOpenGates() throws {
        let progress = try Self.record(Array(Self.everyGate.dropLast()))
        #expect(throws: CUError.gatesOpen([.medicalDirectorInformed])) {
            try Self.record([(.startTreatment, Self.lege)], from: progress)
        }
    }

    @Test func twoDifferentSpecialistsOnlyBeforeTheFirstUse() throws {
        #expect(throws: CUError.sameSpecialistTwice) {
            try Self.record([
                (.specialistAssessment(comment: "Ja"), Self.lege), (.specialistAssessment(comment: "Ja"), Self.lege),
            ])
        }
        let one = try Self.record([(.specialistAssessment(comment: "Ja"), Self.lege)])
        #expect(!one.isPassed(.twoSpecialistAssessments, in: Self.first))
        let later = CUNPContext(firstUseInTrust: false, agreement: .long, pharmacyCostsCharged: false)
        #expect(!CUNPProgress().openGates(in: later).contains(.twoSpecialistAssessments))
        #expect(throws: CUError.gateNotRequired(.twoSpecialistAssessments)) {
            try Self.record([(.specialistAssessment(comment: "Ja"), Self.lege)], in: later)
        }
        #expect(throws: CUError.wrongRole(.physician)) {
            try Self.record([(.specialistAssessment(comment: "Ja"), Self.pharmacist)])
        }
    }

    @Test func withoutANationalAgreementSykehusinnkjopIsContactedAndTreatmentWaits() throws {
        let none = CUNPContext(firstUseInTrust: false, agreement: .none, pharmacyCostsCharged: false)
        let handled = try Self.record(
            [(.sectionChiefHandling(sykehusinnkjopContacted: false, comment: "x"), Self.chief)], in: none)
        #expect(!handled.isPassed(.sectionChiefHandling, in: none))
        let contacted = try Self.record(
            [(.sectionChiefHandling(sykehusinnkjopContacted: true, comment: "Kontaktet"), Self.chief)], in: none)
        #expect(contacted.isPassed(.sectionChiefHandling, in: none))
        #expect(contacted.openGates(in: none).contains(.nationalAgreement))
        #expect(throws: CUError.wrongRole(.sectionChief)) {
            try Self.record([(.sectionChiefHandling(sykehusinnkjopContacted: true, comment: "x"), Self.lege)], in: none)
        }
    }

    @Test func thePharmacyTrustAgreementOnlyForShortAgreementsOrCharges() throws {
        let short = CUNPContext(firstUseInTrust: false, agreement: .short, pharmacyCostsCharged: false)
        let charged = CUNPContext(firstUseInTrust: false, agreement: .long, pharmacyCostsCharged: true)
        let long = CUNPContext(firstUseInTrust: false, agreement: .long, pharmacyCostsCharged: false)
        #expect(CUNPProgress().openGates(in: short).contains(.pharmacyTrustAgreement))
        #expect(CUNPProgress().openGates(in: charged).contains(.pharmacyTrustAgreement))
        #expect(!CUNPProgress().openGates(in: long).contains(.pharmacyTrustAgreement))
        #expect(throws: CUError.wrongRole(.level2Leader)) {
            try Self.record([(.pharmacyTrustAgreement, Self.pharmacist)], in: short)
        }
        #expect(try Self.record([(.pharmacyTrustAgreement, Self.level2)], in: short).pharmacyTrustAgreement)
    }

    @Test func anotherTrustCannotRecord() {
        #expect(throws: CUError.otherTrust) {
            try Self.record([(.manufacturerApplicationSent, CUActor(personID: "x", role: .physician, trustID: "HB"))])
        }
    }
}

/// The manufacturer gets the medicine and a text written for it, never who the patient is nor the case's own text.
@Suite struct ManufacturerApplicationTests {
    @Test func theExportHoldsOnlyTheCheckedTextAndNoIdentity() throws {
        // given a case that carries the patient's identity, and a text written for the manufacturer
        let patient = (nin: "15038512345", name: "Ola Nordmann", born: "15.03.1985")
        let written = try DeidentifiedText(
            "Mann i 40-årene med ALS (G12.2), ALSFRS-R 33/48. Ønsker ILB 1 mg/kg ukentlig i 6 måneder.",
            patientNames: [patient.name], birthDate: Fixtures.date("1985-03-15"))
        let application = ManufacturerApplication(
            reference: "CU-7F3A", medicine: Fixtures.earlyPhase(name: "ILB"), deidentifiedText: written,
            treatingHospital: "Sykehuset Innlandet", supplyingPharmacy: "Sykehusapoteket Innlandet")
        // when
        let json = String(decoding: try JSONEncoder().encode(application), as: UTF8.self)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]).keys
        // then
        #expect(!json.contains(patient.nin) && !json.contains(patient.name) && !json.contains(patient.born))
        #expect(json.range(of: #"\d{11}"#, options: .regularExpression) == nil)
        #expect(json.contains("ILB") && json.contains("G12.2"))
        #expect(
            Set(keys) == ["reference", "medicine", "atc", "deidentifiedText", "treatingHospital", "supplyingPharmacy"])
    }

    @Test func withoutAWrittenTextThereIsNoText() throws {
        // given
        let application = ManufacturerApplication(
            reference: "CU-7F3A", medicine: Fixtures.earlyPhase(name: "ILB"), deidentifiedText: nil,
            treatingHospital: "Sykehuset Innlandet", supplyingPharmacy: "Sykehusapoteket Innlandet")
        // when
        let json = String(decoding: try JSONEncoder().encode(application), as: UTF8.self)
        // then
        #expect(application.deidentifiedText == nil && !json.contains("G12.2"))
    }
}

@Suite struct DeviationReportTests {
    @Test func categoryAndDescriptionAreRequired() {
        #expect(DeviationReport.check(category: "missing_gate", description: "Produsentavtalen manglet").isEmpty)
        #expect(DeviationReport.check(category: "x", description: "kort").map(\.field) == ["category", "description"])
    }
}
