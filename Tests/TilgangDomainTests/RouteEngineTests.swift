import Foundation
import Testing

@testable import TilgangDomain

// The pathway rules R1–R13 (SPEC §4) in the order of evaluation of SPEC §4.1.

// MARK: - Step 1: who may apply (R12)

@Suite("R12 who may apply") struct WhoMayApplyTests {
    @Test func veterinarianForAHumanIsNotPermitted() throws {
        // given
        let vet = Applicant(kind: .veterinarian, setting: .primaryCare)
        // when
        let decision = try Fixtures.decide(Fixtures.unlicensed(), applicant: vet, trustPays: true)
        // then
        expectDecision(
            decision, route: .notPermitted, agency: .none, trustApproval: false, mayApply: false, rules: [.r12])
    }

    @Test(arguments: [Applicant.Kind.hospitalSpecialist, .generalPractitioner, .dentist])
    func physicianOrDentistForAnAnimalIsNotPermitted(kind: Applicant.Kind) throws {
        // given
        let animal = Patient(species: .animal)
        // when
        let decision = try Fixtures.decide(
            Fixtures.unlicensed(), patient: animal, applicant: Applicant(kind: kind, setting: .hospital))
        // then
        expectDecision(
            decision, route: .notPermitted, agency: .none, trustApproval: false, mayApply: false, rules: [.r12])
    }

    @Test func veterinarianForAnAnimalMayApply() throws {
        // given
        let vet = Applicant(kind: .veterinarian, setting: .primaryCare)
        let fasinex = Medicine(
            name: "Fasinex vet.", substance: "triklabendazol", atc: "QP52AC01", norwegianAuthorisation: .none,
            foreignAuthorisations: ["DE"])
        // when
        let decision = try Fixtures.decide(
            fasinex, indication: "B66.3", patient: Patient(species: .animal), applicant: vet)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: true,
            rules: [.r7, .r12])
    }

    @Test func dentistMayApplyForAHuman() throws {
        // given
        let dentist = Applicant(kind: .dentist, setting: .primaryCare)
        // when
        let decision = try Fixtures.decide(Fixtures.unlicensed(foreign: ["DE"]), indication: "R52", applicant: dentist)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: true,
            rules: [.r7, .r12])
    }

    @Test func generalPractitionerMayApplyToTheAgency() throws {
        // given
        let medicine = Fixtures.unlicensed(foreign: ["IN"])
        // when
        let decision = try Fixtures.decide(medicine, applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r12])
    }

    @Test func whoMayApplyIsDecidedBeforeNyeMetoder() throws {
        // given
        let vet = Applicant(kind: .veterinarian, setting: .hospital)
        let notIntroduced = Fixtures.authorised(nyeMetoder: .notIntroduced)
        // when
        let decision = try Fixtures.decide(notIntroduced, applicant: vet)
        // then
        #expect(decision.route == .notPermitted)
        #expect(decision.rules == [.r12])
    }
}

// MARK: - Step 2: Nye metoder (R5, R4)

@Suite("R4, R5 Nye metoder") struct NyeMetoderTests {
    @Test func notIntroducedWithClinicallyExceptionalPatientGoesToAccessScheme() throws {
        // given
        let leqembi = Fixtures.authorised(name: "Leqembi", approved: ["G30"], nyeMetoder: .notIntroduced)
        let exceptional = Patient(species: .human, informedConsent: true, clinicallyExceptional: true)
        // when
        let decision = try Fixtures.decide(leqembi, indication: "G30.1", patient: exceptional, trustPays: true)
        // then
        expectDecision(
            decision, route: .accessScheme, agency: .none, trustApproval: false, mayApply: true, rules: [.r5])
        #expect(decision.nextSteps.contains { $0.contains("tilgangsordningen") })
    }

    @Test func notIntroducedWithoutClinicallyExceptionalPatientIsNotPermitted() throws {
        // given
        let leqembi = Fixtures.authorised(name: "Leqembi", approved: ["G30"], nyeMetoder: .notIntroduced)
        // when
        let decision = try Fixtures.decide(leqembi, indication: "G30.1")
        // then
        expectDecision(
            decision, route: .notPermitted, agency: .none, trustApproval: false, mayApply: false, rules: [.r5])
    }

    @Test func notIntroducedAppliesAlsoWithoutNorwegianMT() throws {
        // given
        let unlicensed = Fixtures.unlicensed(nyeMetoder: .notIntroduced)
        // when
        let decision = try Fixtures.decide(unlicensed)
        // then
        expectDecision(
            decision, route: .notPermitted, agency: .none, trustApproval: false, mayApply: false, rules: [.r5])
    }

    @Test func underAssessmentWithNorwegianMTGoesToExceptionScheme() throws {
        // given
        let kisunla = Fixtures.authorised(name: "Kisunla", approved: ["G30"], nyeMetoder: .underAssessment)
        // when
        let offLabelUse = try Fixtures.decide(kisunla, indication: "F03")
        let onLabelUse = try Fixtures.decide(kisunla, indication: "G30.1")
        // then
        expectDecision(
            offLabelUse, route: .exceptionScheme, agency: .none, trustApproval: false, mayApply: true, rules: [.r4])
        expectDecision(
            onLabelUse, route: .exceptionScheme, agency: .none, trustApproval: false, mayApply: true, rules: [.r4])
    }

    @Test func underAssessmentWithoutMTFallsThroughToNotification() throws {
        // given
        let unlicensed = Fixtures.unlicensed(foreign: ["DE"], nyeMetoder: .underAssessment)
        // when
        let decision = try Fixtures.decide(unlicensed)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: true,
            rules: [.r7, .r12])
    }

    @Test func underAssessmentWithoutMTFallsThroughToAgencyDecision() throws {
        // given
        let unlicensed = Fixtures.unlicensed(foreign: [], nyeMetoder: .underAssessment)
        // when
        let decision = try Fixtures.decide(unlicensed)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r12])
    }

    @Test func underAssessmentEarlyPhaseWithoutMTIsCompassionateUse() throws {
        // given
        var medicine = Fixtures.earlyPhase()
        medicine.nyeMetoder = .underAssessment
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        expectDecision(
            decision, route: .namedPatient, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r6, .r8, .r12])
    }

    @Test func nyeMetoderIsIgnoredInPrimaryCare() throws {
        // given
        let notIntroduced = Fixtures.authorised(nyeMetoder: .notIntroduced)
        let underAssessment = Fixtures.authorised(nyeMetoder: .underAssessment)
        // when
        let onLabel = try Fixtures.decide(notIntroduced, indication: "E11.9", applicant: Fixtures.gp)
        let offLabel = try Fixtures.decide(underAssessment, indication: "E66", applicant: Fixtures.gp)
        // then
        expectDecision(onLabel, route: .onLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r1])
        expectDecision(offLabel, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
    }

    @Test func nyeMetoderIsIgnoredForAnimals() throws {
        // given
        let vet = Applicant(kind: .veterinarian, setting: .hospital)
        let notIntroduced = Fixtures.unlicensed(foreign: ["DE"], nyeMetoder: .notIntroduced)
        // when
        let decision = try Fixtures.decide(notIntroduced, patient: Patient(species: .animal), applicant: vet)
        // then
        #expect(decision.route == .exemptionNotification)
        #expect(decision.rules == [.r7, .r12])
    }

    @Test func introducedMethodFollowsTheNormalRules() throws {
        // given
        let introduced = Fixtures.authorised(nyeMetoder: .introduced)
        // when
        let decision = try Fixtures.decide(introduced, indication: "E11.9")
        // then
        expectDecision(decision, route: .onLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r1])
    }
}

// MARK: - Step 3: Norwegian MT (R1, R2, R3, R13)

@Suite("R1, R2 Norwegian MT") struct NorwegianMTTests {
    @Test func indicationCoveredByPrefixIsOnLabel() throws {
        // given
        let ozempic = Fixtures.authorised(approved: ["E11"])
        // when
        let decision = try Fixtures.decide(ozempic, indication: "E11.9", applicant: Fixtures.gp)
        // then
        expectDecision(decision, route: .onLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r1])
    }

    @Test func onLabelNeedsNoTrustApprovalEvenWhenTheTrustPays() throws {
        // given
        let ozempic = Fixtures.authorised(approved: ["E11"])
        // when
        let decision = try Fixtures.decide(ozempic, indication: "E11", trustPays: true)
        // then
        expectDecision(decision, route: .onLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r1])
    }

    @Test func anotherCodeOfTheSameChapterIsNotCovered() throws {
        // given
        let ozempic = Fixtures.authorised(approved: ["E11"])
        // when
        let decision = try Fixtures.decide(ozempic, indication: "E13")
        // then
        expectDecision(decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
    }

    @Test func mtForAnotherIndicationIsOffLabelNeverAnExemption() throws {
        // given: MabThera has MT for lymphoma, MT in a notification country, and is not on the negative list
        let mabthera = Medicine(
            name: "MabThera", substance: "rituksimab", atc: "L01FA01", norwegianAuthorisation: .authorised,
            approvedIndications: ["C83", "C91.1", "M05"], foreignAuthorisations: ["DE", "US"], hospitalFinanced: true)
        // when
        let decision = try Fixtures.decide(mabthera, indication: "G35")
        // then
        expectDecision(decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
        #expect(!decision.rules.contains(.r7) && !decision.rules.contains(.r8))
        #expect(decision.nextSteps.contains { $0.contains("Ikke søk DMP om godkjenningsfritak") })
    }

    @Test func trustPayingForOffLabelUseNeedsTheMedicalDirector() throws {
        // given
        let mabthera = Fixtures.authorised(name: "MabThera", approved: ["C83"])
        // when
        let decision = try Fixtures.decide(mabthera, indication: "G35", trustPays: true)
        // then
        expectDecision(
            decision, route: .offLabel, agency: .none, trustApproval: true, mayApply: true, rules: [.r2, .r13])
        #expect(decision.nextSteps.contains { $0.contains("direktør medisin og helsefag") })
    }

    @Test func deregisteredIsTreatedAsWithoutMT() throws {
        // given
        let imovane = Fixtures.unlicensed(name: "Imovane", authorisation: .deregistered, foreign: ["DE"])
        // when
        let decision = try Fixtures.decide(imovane, indication: "G47.0", applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: true,
            rules: [.r7, .r12])
    }

    @Test func shortagePermissionDoesNotApplyToAMedicineWithNorwegianMT() throws {
        // given
        let ozempic = Fixtures.authorised(approved: ["E11"])
        // when
        let decision = try Fixtures.decide(ozempic, indication: "E11.9", shortage: true)
        // then
        #expect(decision.route == .onLabel)
        #expect(decision.rules == [.r1])
    }
}

@Suite("indicationCovered when the catalogue has no coded indications") struct IndicationCoveredTests {
    static let fest = Fixtures.authorised(name: "Metformin", approved: [])

    @Test func statedCoveredIsOnLabel() throws {
        // given
        let medicine = Self.fest
        // when
        let decision = try Fixtures.decide(medicine, indication: "E11.9", indicationCovered: true)
        // then
        expectDecision(decision, route: .onLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r1])
    }

    @Test func statedNotCoveredIsOffLabel() throws {
        // given
        let medicine = Self.fest
        // when
        let decision = try Fixtures.decide(medicine, indication: "E11.9", indicationCovered: false)
        // then
        expectDecision(decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
    }

    @Test func missingIsAValidationFailureNamingTheField() throws {
        // given
        let medicine = Self.fest
        // when
        let failure = #expect(throws: ValidationFailure.self) {
            try Fixtures.decide(medicine, indication: "E11.9", indicationCovered: nil)
        }
        // then
        #expect(failure?.fields == ["indicationCovered"])
    }

    @Test(arguments: [("E11.9", false), ("E13", true)])
    func contradictingCodedIndicationsIsAnError(indication: String, stated: Bool) throws {
        // given
        let coded = Fixtures.authorised(approved: ["E11"])
        // when
        let failure = #expect(throws: ValidationFailure.self) {
            try Fixtures.decide(coded, indication: indication, indicationCovered: stated)
        }
        // then
        #expect(failure?.fields == ["indicationCovered"])
        #expect(failure?.errors.first?.message.contains("E11") == true)
    }

    @Test(arguments: [("E11.9", true, Route.onLabel), ("E13", false, .offLabel)])
    func agreeingWithCodedIndicationsIsAccepted(indication: String, stated: Bool, route: Route) throws {
        // given
        let coded = Fixtures.authorised(approved: ["E11"])
        // when
        let decision = try Fixtures.decide(coded, indication: indication, indicationCovered: stated)
        // then
        #expect(decision.route == route)
    }
}

@Suite("R3 blue prescription, Helfo first") struct HelfoFirstTests {
    static let ozempic = Fixtures.authorised(approved: ["E11"], blue: ["E11"])

    @Test func hospitalDoctorOutsideBluePrescriptionGoesToHelfoFirst() throws {
        // given
        let medicine = Self.ozempic
        // when
        let decision = try Fixtures.decide(medicine, indication: "E66", trustPays: true)
        // then
        expectDecision(decision, route: .helfoFirst, agency: .none, trustApproval: false, mayApply: true, rules: [.r3])
        #expect(decision.nextSteps.first?.contains("Helfo") == true)
    }

    @Test func afterHelfoRefusedItIsOffLabelWithR2AndR3() throws {
        // given
        let medicine = Self.ozempic
        // when
        let decision = try Fixtures.decide(medicine, indication: "E66", helfoRefused: true)
        // then
        expectDecision(
            decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2, .r3])
    }

    @Test func afterHelfoRefusedWithTrustPayingTheRulesStayInRuleOrder() throws {
        // given
        let medicine = Self.ozempic
        // when
        let decision = try Fixtures.decide(medicine, indication: "E66", trustPays: true, helfoRefused: true)
        // then
        expectDecision(
            decision, route: .offLabel, agency: .none, trustApproval: true, mayApply: true, rules: [.r2, .r3, .r13])
    }

    @Test func bluePrescriptionIndicationCoveringTheCodeIsPlainOffLabel() throws {
        // given: the MT covers only E11.9, the blue-prescription indications the whole of E11
        let medicine = Fixtures.authorised(approved: ["E11.9"], blue: ["E11"])
        // when
        let decision = try Fixtures.decide(medicine, indication: "E11.6")
        // then
        expectDecision(decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
    }

    @Test func generalPractitionerInPrimaryCareDoesNotGoToHelfoFirst() throws {
        // given
        let medicine = Self.ozempic
        // when
        let decision = try Fixtures.decide(medicine, indication: "E66", applicant: Fixtures.gp)
        // then
        expectDecision(decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
    }

    @Test func helfoRefusedOnANonBluePrescriptionMedicineAddsNothing() throws {
        // given
        let medicine = Fixtures.authorised(approved: ["E11"], blue: [])
        // when
        let decision = try Fixtures.decide(medicine, indication: "E66", helfoRefused: true)
        // then
        expectDecision(decision, route: .offLabel, agency: .none, trustApproval: false, mayApply: true, rules: [.r2])
    }
}

// MARK: - Step 4: no Norwegian MT (R9, R10, R6, R11, R7, R8)

@Suite("R9 transition period") struct TransitionPeriodTests {
    static let marketed = Fixtures.date("2026-09-01")

    @Test func day90IsStillTheTransitionPeriod() throws {
        // given
        let melatonin = Fixtures.unlicensed(name: "Melatonin", foreign: ["DE"], replacedOn: Self.marketed)
        let day90 = Fixtures.date("2026-11-30")
        // when
        let decision = try Fixtures.decide(melatonin, indication: "G47.0", date: day90, applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .transitionPeriod, agency: .none, trustApproval: false, mayApply: true, rules: [.r9])
        #expect(decision.explanation.contains("dag 90"))
        #expect(decision.nextSteps.contains { $0.contains("01.12.2026") })
    }

    @Test func theMarketDateItselfIsDayZeroOfTheTransition() throws {
        // given
        let melatonin = Fixtures.unlicensed(foreign: ["IN"], negativeList: true, replacedOn: Self.marketed)
        // when
        let decision = try Fixtures.decide(melatonin, date: Self.marketed)
        // then
        #expect(decision.route == .transitionPeriod)
        #expect(decision.explanation.contains("dag 0"))
    }

    @Test func day91FollowsTheNormalRules() throws {
        // given
        let melatonin = Fixtures.unlicensed(name: "Melatonin", foreign: ["DE"], replacedOn: Self.marketed)
        let day91 = Fixtures.date("2026-12-01")
        // when
        let decision = try Fixtures.decide(melatonin, indication: "G47.0", date: day91, applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: true,
            rules: [.r7, .r12])
    }

    @Test func aReplacementDateInTheFutureFollowsTheNormalRules() throws {
        // given
        let future = Fixtures.date("2026-12-15")
        let melatonin = Fixtures.unlicensed(foreign: ["IN"], replacedOn: future)
        // when
        let decision = try Fixtures.decide(melatonin, date: Fixtures.date("2026-11-22"))
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r12])
    }

    @Test func trustPayingDuringTransitionNeedsTheMedicalDirector() throws {
        // given
        let melatonin = Fixtures.unlicensed(replacedOn: Self.marketed)
        // when
        let decision = try Fixtures.decide(melatonin, date: Fixtures.date("2026-10-01"), trustPays: true)
        // then
        expectDecision(
            decision, route: .transitionPeriod, agency: .none, trustApproval: true, mayApply: true, rules: [.r9, .r13])
    }

    @Test func transitionBeatsShortageSwitch() throws {
        // given
        let melatonin = Fixtures.unlicensed(replacedOn: Self.marketed)
        // when
        let decision = try Fixtures.decide(melatonin, date: Fixtures.date("2026-09-11"), shortage: true)
        // then
        #expect(decision.route == .transitionPeriod)
        #expect(decision.rules == [.r9])
    }

    @Test func aTransitionNearTheEndOfTheCalendarDoesNotCrash() throws {
        // given a replacement marketed 9999-12-01, decided 9999-12-31 (day 30; both dates parse as valid input)
        let replaced = try #require(CalendarDate(year: 9999, month: 12, day: 1))
        let medicine = Medicine(
            name: "X", substance: "x", atc: "N05CH01", norwegianAuthorisation: .none,
            replacedByMarketedProductOn: replaced)
        let scenario = Scenario(
            medicine: .inline(medicine), indication: "G47.0",
            date: try #require(CalendarDate(year: 9999, month: 12, day: 31)),
            patient: Patient(species: .human), applicant: Applicant(kind: .generalPractitioner, setting: .primaryCare))
        // when the engine words the day the normal rules resume, which lies past year 9999
        let decision = try Fixtures.engine.decide(scenario, medicine: medicine)
        // then it answers instead of trapping
        #expect(decision.route == .transitionPeriod)
        #expect(decision.nextSteps.contains { $0.contains("etter år 9999") })
    }
}

@Suite("R10 shortage switch") struct ShortageSwitchTests {
    @Test func shortageSwitchNeedsNoApplication() throws {
        // given
        let danishPackage = Fixtures.unlicensed(name: "Ozempic (dansk pakning)", foreign: ["DE"])
        // when
        let decision = try Fixtures.decide(danishPackage, applicant: Fixtures.gp, shortage: true)
        // then
        expectDecision(
            decision, route: .shortageSwitch, agency: .none, trustApproval: false, mayApply: true, rules: [.r10])
    }

    @Test func shortageSwitchBeatsAgencyDecidedExemption() throws {
        // given
        let negativeListed = Fixtures.unlicensed(foreign: ["IN"], negativeList: true)
        // when
        let decision = try Fixtures.decide(negativeListed, shortage: true)
        // then
        #expect(decision.route == .shortageSwitch)
        #expect(decision.agencyApplication == .none)
    }

    @Test func shortageSwitchIsDecidedBeforeCompassionateUse() throws {
        // given
        let early = Fixtures.earlyPhase()
        // when
        let decision = try Fixtures.decide(early, shortage: true)
        // then
        #expect(decision.route == .shortageSwitch)
        #expect(decision.rules == [.r10])
    }

    @Test func trustPayingForAShortageSwitchNeedsTheMedicalDirector() throws {
        // given
        let medicine = Fixtures.unlicensed()
        // when
        let decision = try Fixtures.decide(medicine, trustPays: true, shortage: true)
        // then
        expectDecision(
            decision, route: .shortageSwitch, agency: .none, trustApproval: true, mayApply: true, rules: [.r10, .r13])
    }
}

@Suite("R6 compassionate use") struct CompassionateUseTests {
    @Test func activeProgrammeIsTheCompassionateUseProgrammeRoute() throws {
        // given
        let medicine = Fixtures.earlyPhase(cup: .active, onCUList: true, agreement: .long)
        // when
        let decision = try Fixtures.decide(medicine, indication: "C34.9")
        // then
        expectDecision(
            decision, route: .compassionateUseProgramme, agency: .none, trustApproval: false, mayApply: true,
            rules: [.r6])
    }

    @Test func activeProgrammeWithTrustPayingAddsR13() throws {
        // given
        let medicine = Fixtures.earlyPhase(cup: .active)
        // when
        let decision = try Fixtures.decide(medicine, indication: "C34.9", trustPays: true)
        // then
        expectDecision(
            decision, route: .compassionateUseProgramme, agency: .none, trustApproval: true, mayApply: true,
            rules: [.r6, .r13])
    }

    @Test(arguments: [CompassionateUseProgrammeStatus.none, .ended])
    func withoutAnActiveProgrammeItIsNamedPatientDecidedByTheAgency(cup: CompassionateUseProgrammeStatus) throws {
        // given
        let ilb = Fixtures.earlyPhase(name: "ILB", cup: cup)
        // when
        let decision = try Fixtures.decide(ilb, indication: "G12.2")
        // then
        expectDecision(
            decision, route: .namedPatient, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r6, .r8, .r12])
    }

    @Test func namedPatientWithTrustPayingAddsR13() throws {
        // given
        let ilb = Fixtures.earlyPhase(name: "ILB")
        // when
        let decision = try Fixtures.decide(ilb, indication: "G12.2", trustPays: true)
        // then
        expectDecision(
            decision, route: .namedPatient, agency: .agencyDecision, trustApproval: true, mayApply: true,
            rules: [.r6, .r8, .r12, .r13])
    }

    @Test func earlyPhaseIsDecidedBeforeNotification() throws {
        // given
        let withGermanMT = Fixtures.earlyPhase(foreign: ["DE"])
        // when
        let decision = try Fixtures.decide(withGermanMT)
        // then
        #expect(decision.route == .namedPatient)
        #expect(!decision.rules.contains(.r7))
    }

    @Test func nationalCUListWithoutAgreementAsksForAStandardAgreement() throws {
        // given
        let medicine = Fixtures.earlyPhase(onCUList: true, agreement: .none)
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        #expect(decision.route == .namedPatient)
        #expect(decision.nextSteps.contains { $0.contains("standardavtale") && $0.contains("CU-listen") })
    }

    @Test(arguments: [(true, NationalStandardAgreement.short), (true, .long), (false, .none)])
    func noStandardAgreementStepWhenOneExistsOrTheMedicineIsNotListed(
        onList: Bool, agreement: NationalStandardAgreement
    ) throws {
        // given
        let medicine = Fixtures.earlyPhase(onCUList: onList, agreement: agreement)
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        #expect(!decision.nextSteps.contains { $0.contains("standardavtale") })
    }

    @Test func missingConsentAndTrialEligibilityBecomeNextSteps() throws {
        // given
        let patient = Patient(species: .human, informedConsent: false, eligibleForClinicalTrial: true)
        // when
        let decision = try Fixtures.decide(Fixtures.earlyPhase(), patient: patient)
        // then
        #expect(decision.nextSteps.contains { $0.contains("informerte samtykke") })
        #expect(decision.nextSteps.contains { $0.contains("klinisk studie") })
    }

    @Test func consentGivenAndNoTrialAddNoSuchSteps() throws {
        // given
        let patient = Patient(species: .human, informedConsent: true, eligibleForClinicalTrial: false)
        // when
        let decision = try Fixtures.decide(Fixtures.earlyPhase(), patient: patient)
        // then
        #expect(!decision.nextSteps.contains { $0.contains("informerte samtykke") })
        #expect(!decision.nextSteps.contains { $0.contains("vurder studien") })
    }

    @Test func fatalDiseaseWithoutAlternativesIsNamedInTheExplanation() throws {
        // given
        let patient = Patient(species: .human, fatalWithoutAlternatives: true, informedConsent: true)
        // when
        let fatal = try Fixtures.decide(Fixtures.earlyPhase(), patient: patient)
        let notFatal = try Fixtures.decide(Fixtures.earlyPhase())
        // then
        #expect(fatal.explanation.contains("dødelig sykdom uten behandlingsalternativ"))
        #expect(!notFatal.explanation.contains("dødelig sykdom uten behandlingsalternativ"))
    }
}

@Suite("R11 cannabis") struct CannabisTests {
    @Test func exactlyOnePercentTHCAnyPhysicianMayApply() throws {
        // given
        let bedrolite = Fixtures.cannabis(thc: 1.0)
        // when
        let decision = try Fixtures.decide(bedrolite, indication: "G40.9", applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r11, .r12])
    }

    @Test(arguments: [1.1, 22.0])
    func aboveOnePercentTHCTheHospitalSpecialistMayApply(thc: Double) throws {
        // given
        let bedrocan = Fixtures.cannabis(thc: thc)
        // when
        let decision = try Fixtures.decide(bedrocan, indication: "G89.4", applicant: Fixtures.specialist)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r11, .r12])
    }

    @Test(arguments: [1.1, 22.0])
    func aboveOnePercentTHCTheGeneralPractitionerMayNotApply(thc: Double) throws {
        // given
        let bedrocan = Fixtures.cannabis(thc: thc)
        // when
        let decision = try Fixtures.decide(bedrocan, indication: "G89.4", applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: false,
            rules: [.r8, .r11, .r12])
        #expect(decision.nextSteps.contains { $0.contains("Henvis pasienten") })
    }

    @Test(arguments: [
        Applicant(kind: .hospitalSpecialist, setting: .primaryCare),
        Applicant(kind: .generalPractitioner, setting: .hospital),
        Applicant(kind: .dentist, setting: .primaryCare),
    ])
    func aboveOnePercentOnlyASpecialistInTheHospitalSettingMayApply(applicant: Applicant) throws {
        // given
        let bedrocan = Fixtures.cannabis(thc: 22)
        // when
        let decision = try Fixtures.decide(bedrocan, indication: "G89.4", applicant: applicant)
        // then
        #expect(decision.route == .exemptionAgency)
        #expect(decision.applicantMayApply == false)
    }

    @Test func cannabisNotOnTheNegativeListWithNotificationMTIsStillRestricted() throws {
        // given
        let cannabis = Fixtures.cannabis(thc: 22, negativeList: false)
        // when
        let decision = try Fixtures.decide(cannabis, indication: "G89.4", applicant: Fixtures.gp)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: false,
            rules: [.r7, .r11, .r12])
    }

    @Test func thcContentIsShownWithADecimalComma() throws {
        // given
        let low = Fixtures.cannabis(thc: 0.5)
        let high = Fixtures.cannabis(thc: 22)
        // when
        let lowDecision = try Fixtures.decide(low, applicant: Fixtures.gp)
        let highDecision = try Fixtures.decide(high)
        // then
        #expect(lowDecision.explanation.contains("0,5 % THC"))
        #expect(highDecision.explanation.contains("22 % THC"))
    }

    @Test func thcJustAboveTheLimitIsNotShownAsExactlyTheLimit() throws {
        // given 1.04 % THC, which is above the 1 % limit
        let cannabis = Fixtures.cannabis(thc: 1.04)
        // when
        let decision = try Fixtures.decide(cannabis, applicant: Fixtures.gp)
        // then the restriction applies, and the text should not claim "1 % THC, over 1 %"
        #expect(decision.applicantMayApply == false)
        #expect(!decision.explanation.contains("har 1 % THC, over 1 %"))
        #expect(decision.explanation.contains("har 1,04 % THC, over 1 %"))
    }
}

@Suite("R7, R8 approval exemption") struct ExemptionTests {
    @Test(arguments: ["DE", "BG", "US"])
    func mtInANotificationCountryIsExemptionByNotification(country: String) throws {
        // given
        let medicine = Fixtures.unlicensed(foreign: [country])
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        expectDecision(
            decision, route: .exemptionNotification, agency: .notification, trustApproval: false, mayApply: true,
            rules: [.r7, .r12])
    }

    @Test(arguments: [["IN"], ["JP"], []])
    func noMTInANotificationCountryIsDecidedByTheAgency(countries: [String]) throws {
        // given
        let medicine = Fixtures.unlicensed(foreign: countries)
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r12])
    }

    @Test func negativeListAlwaysNeedsTheAgency() throws {
        // given
        let medicine = Fixtures.unlicensed(foreign: ["DE"], negativeList: true)
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        expectDecision(
            decision, route: .exemptionAgency, agency: .agencyDecision, trustApproval: false, mayApply: true,
            rules: [.r8, .r12])
        #expect(decision.explanation.contains("negativliste"))
    }

    @Test func theExplanationNamesOnlyTheQualifyingCountries() throws {
        // given
        let medicine = Fixtures.unlicensed(foreign: ["IN", "BG"])
        // when
        let decision = try Fixtures.decide(medicine)
        // then
        #expect(decision.route == .exemptionNotification)
        #expect(decision.explanation.contains("Bulgaria"))
        #expect(!decision.explanation.contains("India"))
    }

    @Test(arguments: [
        (["DE"], Route.exemptionNotification, [RuleID.r7, .r12, .r13]), (["IN"], .exemptionAgency, [.r8, .r12, .r13]),
    ])
    func trustPayingForUnlicensedUseAddsR13(countries: [String], route: Route, rules: [RuleID]) throws {
        // given
        let medicine = Fixtures.unlicensed(foreign: countries)
        // when
        let decision = try Fixtures.decide(medicine, trustPays: true)
        // then
        #expect(decision.route == route)
        #expect(decision.trustApproval)
        #expect(decision.rules == rules)
    }
}

// MARK: - The decision as a whole

@Suite("RouteDecision") struct RouteDecisionTests {
    @Test func ruleDetailsAndRouteTitleFollowRulesAndRoute() throws {
        // given
        let medicine = Fixtures.authorised(approved: ["E11"], blue: ["E11"])
        // when
        let decision = try Fixtures.decide(medicine, indication: "E66", trustPays: true, helfoRefused: true)
        // then
        #expect(decision.ruleDetails.map(\.id) == decision.rules)
        #expect(decision.ruleDetails.map(\.title) == [RuleID.r2.title, RuleID.r3.title, RuleID.r13.title])
        #expect(decision.routeTitle == Route.offLabel.title)
    }

    @Test func rulesAreSortedByNumberNotByText() {
        // given
        let ids: Set<RuleID> = [.r13, .r2, .r10, .r1]
        // when
        let decision = RouteDecision(
            route: .offLabel, agencyApplication: .none, trustApproval: true, applicantMayApply: true, rules: ids,
            explanation: "", nextSteps: [])
        // then
        #expect(decision.rules == [.r1, .r2, .r10, .r13])
    }

    @Test func encodesTheContractValues() throws {
        // given
        let decision = try Fixtures.decide(Fixtures.unlicensed(foreign: ["IN"]))
        // when
        let json = try #require(String(data: JSONEncoder().encode(decision), encoding: .utf8))
        // then
        #expect(json.contains("\"route\":\"exemption_agency\""))
        #expect(json.contains("\"agencyApplication\":\"agency_decision\""))
        #expect(json.contains("\"rules\":[\"R8\",\"R12\"]"))
    }

    @Test func everyDecisionExplainsItselfWithTheRulesItNames() throws {
        // given
        let cases: [(Medicine, String)] = [
            (Fixtures.authorised(approved: ["E11"]), "E11.9"),
            (Fixtures.authorised(approved: ["E11"]), "E66"),
            (Fixtures.unlicensed(foreign: ["DE"]), "E66"),
            (Fixtures.unlicensed(foreign: ["IN"]), "E66"),
            (Fixtures.earlyPhase(cup: .active), "C34.9"),
        ]
        for (medicine, indication) in cases {
            // when
            let decision = try Fixtures.decide(medicine, indication: indication)
            // then
            #expect(!decision.nextSteps.isEmpty)
            for rule in decision.rules {
                #expect(decision.explanation.contains("\(rule.rawValue)") || rule == .r12)
            }
        }
    }
}
