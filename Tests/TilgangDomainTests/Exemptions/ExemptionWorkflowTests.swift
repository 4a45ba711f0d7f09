import Testing

@testable import TilgangDomain

/// The agency desk (SPEC §6): assessment before decision, individual reasons, appeal within the deadline, the
/// ministry's outcome; only officers decide and only the applicant appeals.
@Suite struct ExemptionWorkflowTests {
    static let officer = ExemptionActor(personID: "dmp", role: .agencyOfficer)
    static let applicant = ExemptionActor(personID: "fastlege", role: .externalPrescriber)
    static let assessment = ExemptionAssessment(
        professionalSoundness: "Forsvarlig for en døende pasient uten alternativ", documentationLevel: "Fase I",
        risk: "Høy, men akseptabel", alternatives: "Ingen", followUpAbility: "Sykehuslege følger opp")
    static let today = Fixtures.today

    static func apply(_ action: ExemptionAction, by actor: ExemptionActor = officer, to snapshot: ExemptionSnapshot)
        throws(ExemptionError) -> ExemptionTransition
    {
        try ExemptionWorkflow.apply(action, by: actor, to: snapshot, today: today)
    }

    @Test func assessmentThenIndividualDecision() throws {
        let submitted = ExemptionSnapshot(state: .submitted, applicantID: "fastlege")
        #expect(throws: ExemptionError.assessmentFirst) {
            try Self.apply(.approve(reasons: "Innvilget"), to: submitted)
        }
        let assessed = try Self.apply(.assess(Self.assessment), to: submitted)
        #expect(assessed.to == .underAssessment)
        #expect(assessed.assessment == Self.assessment)
        let under = ExemptionSnapshot(state: .underAssessment, applicantID: "fastlege", assessment: Self.assessment)
        #expect(try Self.apply(.approve(reasons: "Faglig forsvarlig for pasienten"), to: under).to == .approved)
        #expect(try Self.apply(.refuse(reasons: "Risikoen er for høy for pasienten"), to: under).to == .refused)
        #expect(throws: ExemptionError.missing(field: "reasons")) { try Self.apply(.refuse(reasons: "  "), to: under) }
    }

    @Test func everyAssessmentFieldIsRequired() {
        var partial = Self.assessment
        partial.followUpAbility = " "
        #expect(throws: ExemptionError.missing(field: "followUpAbility")) {
            try Self.apply(.assess(partial), to: ExemptionSnapshot(state: .submitted, applicantID: "fastlege"))
        }
    }

    @Test func onlyOfficersDecideAndOnlyTheApplicantAppeals() {
        let under = ExemptionSnapshot(state: .underAssessment, applicantID: "fastlege", assessment: Self.assessment)
        #expect(throws: ExemptionError.onlyAgencyOfficer) {
            try Self.apply(.approve(reasons: "x"), by: Self.applicant, to: under)
        }
        let refused = ExemptionSnapshot(state: .refused, applicantID: "fastlege", decidedOn: Self.today)
        #expect(throws: ExemptionError.onlyApplicant) { try Self.apply(.appeal(grounds: "Uenig"), to: refused) }
        #expect(throws: ExemptionError.onlyApplicant) {
            try Self.apply(
                .appeal(grounds: "Uenig"), by: ExemptionActor(personID: "annen", role: .externalPrescriber),
                to: refused)
        }
    }

    @Test func appealWithinThreeWeeksThenMinistry() throws {
        // day 21 after the decision is the last day; day 22 is too late
        let decided = Self.today.addingDays(-21)
        let refused = ExemptionSnapshot(state: .refused, applicantID: "fastlege", decidedOn: decided)
        #expect(
            try Self.apply(.appeal(grounds: "Pasienten har ingen alternativer"), by: Self.applicant, to: refused)
                .to == .appealed)
        let late = ExemptionSnapshot(state: .refused, applicantID: "fastlege", decidedOn: Self.today.addingDays(-22))
        #expect(throws: ExemptionError.appealDeadlinePassed(lastDay: Self.today.addingDays(-1)!)) {
            try Self.apply(.appeal(grounds: "Uenig"), by: Self.applicant, to: late)
        }
        let appealed = ExemptionSnapshot(state: .appealed, applicantID: "fastlege")
        #expect(
            try Self.apply(.forwardToMinistry(note: "DMP opprettholder avslaget"), to: appealed).to == .withMinistry)
        let ministry = ExemptionSnapshot(state: .withMinistry, applicantID: "fastlege")
        #expect(
            try Self.apply(.recordMinistryOutcome(allowed: true, note: "HOD omgjør"), to: ministry).to
                == .appealAllowed)
        #expect(
            try Self.apply(.recordMinistryOutcome(allowed: false, note: "HOD stadfester"), to: ministry).to
                == .appealDismissed)
        #expect(ExemptionState.appealAllowed.grantsUse && !ExemptionState.appealDismissed.grantsUse)
    }

    @Test func actionsOutOfOrderAreRefused() {
        let approved = ExemptionSnapshot(state: .approved, applicantID: "fastlege", assessment: Self.assessment)
        #expect(throws: ExemptionError.notAllowedInState(action: "appeal", state: .approved)) {
            try Self.apply(.appeal(grounds: "x"), by: Self.applicant, to: approved)
        }
        #expect(throws: ExemptionError.notAllowedInState(action: "forward_to_ministry", state: .approved)) {
            try Self.apply(.forwardToMinistry(note: "x"), to: approved)
        }
        #expect(throws: ExemptionError.notAllowedInState(action: "assess", state: .notified)) {
            try Self.apply(.assess(Self.assessment), to: ExemptionSnapshot(state: .notified, applicantID: "apotek"))
        }
    }
}

/// At most one year; expiry shown 30 days before.
@Suite struct ExemptionValidityTests {
    @Test func oneYearLessADayIsTheLongest() {
        let start = Fixtures.date("2026-03-01")
        #expect(ExemptionValidity.latestEnd(from: start) == Fixtures.date("2027-02-28"))
        #expect(ExemptionValidity.check(from: start, until: Fixtures.date("2027-02-28")).isEmpty)
        #expect(ExemptionValidity.check(from: start, until: Fixtures.date("2027-03-01")).map(\.field) == ["validUntil"])
        #expect(ExemptionValidity.check(from: start, until: Fixtures.date("2026-02-28")).map(\.field) == ["validUntil"])
        #expect(ExemptionValidity.check(from: nil, until: start).map(\.field) == ["validFrom"])
        #expect(ExemptionValidity.latestEnd(from: Fixtures.date("2028-02-29")) == Fixtures.date("2029-02-27"))
    }

    @Test func expiryIsShownThirtyDaysAhead() {
        let from = Fixtures.date("2026-01-01")
        let until = Fixtures.date("2026-12-31")
        #expect(ExemptionValidity.status(from: from, until: until, on: Fixtures.date("2026-11-30")) == .valid)
        #expect(ExemptionValidity.status(from: from, until: until, on: Fixtures.date("2026-12-01")) == .expiringSoon)
        #expect(ExemptionValidity.status(from: from, until: until, on: until) == .expiringSoon)
        #expect(ExemptionValidity.status(from: from, until: until, on: Fixtures.date("2027-01-01")) == .expired)
        #expect(ExemptionValidity.status(from: from, until: until, on: Fixtures.date("2025-12-31")) == .notYetValid)
    }
}

/// Near-identical refusal reasons are flagged (word-trigram Jaccard ≥ 0.8).
@Suite struct ReasonSimilarityTests {
    static let ilb =
        "Legemiddelverket kan ikke se at det foreligger tilstrekkelig dokumentasjon på effekt og sikkerhet "
        + "av ILB ved ALS, og søknaden avslås."

    @Test func copiedReasonsWarnAndIndividualReasonsDoNot() {
        let copy = Self.ilb.replacingOccurrences(of: "avslås", with: "avslås derfor")
        #expect(ReasonSimilarity.score(Self.ilb, Self.ilb) == 1)
        #expect(ReasonSimilarity.score(Self.ilb, copy) >= ReasonSimilarity.warningThreshold)
        let individual =
            "Pasienten har en langsomt progredierende form og kan delta i studien ved Haukeland; risikoen ved "
            + "ILB er derfor ikke forsvarlig nå."
        #expect(ReasonSimilarity.score(Self.ilb, individual) < 0.2)
        let found = ReasonSimilarity.nearDuplicate(
            of: copy, among: [(id: "A", text: individual), (id: "B", text: Self.ilb)])
        #expect(found?.id == "B")
        #expect(ReasonSimilarity.nearDuplicate(of: individual, among: [(id: "B", text: Self.ilb)]) == nil)
    }

    @Test func caseAndPunctuationDoNotHideACopy() {
        #expect(ReasonSimilarity.score(Self.ilb, Self.ilb.uppercased().replacingOccurrences(of: ",", with: " ;")) == 1)
    }
}

/// At submission the route engine decides: agency (R8), notification (R7), or refused (R11, R12, MT).
@Suite struct ExemptionSubmissionTests {
    @Test func cannabisAboveOnePercentOnlyFromAHospitalSpecialist() throws {
        let bedrocan = Fixtures.cannabis(thc: 22)
        let gp = try Fixtures.decide(bedrocan, indication: "G89.2", applicant: Fixtures.gp)
        #expect(throws: ExemptionSubmission.Refusal.self) {
            try ExemptionSubmission.evaluate(gp, medicine: bedrocan, earlyPhase: nil)
        }
        do {
            _ = try ExemptionSubmission.evaluate(gp, medicine: bedrocan, earlyPhase: nil)
        } catch {
            #expect(error.rules.contains(.r11))
        }
        let specialist = try Fixtures.decide(bedrocan, indication: "G89.2", applicant: Fixtures.specialist)
        #expect(
            try ExemptionSubmission.evaluate(specialist, medicine: bedrocan, earlyPhase: nil) == .toAgency(warnings: [])
        )
        let mild = Fixtures.cannabis(thc: 1)
        let gpMild = try Fixtures.decide(mild, indication: "G89.2", applicant: Fixtures.gp)
        #expect((try? ExemptionSubmission.evaluate(gpMild, medicine: mild, earlyPhase: nil)) != nil)
    }

    @Test func aMedicineWithNorwegianMTNeverGetsAnExemption() throws {
        let ozempic = Fixtures.authorised()
        let decision = try Fixtures.decide(ozempic)
        #expect(throws: ExemptionSubmission.Refusal.self) {
            try ExemptionSubmission.evaluate(decision, medicine: ozempic, earlyPhase: nil)
        }
    }

    @Test func notificationCountriesGoToThePharmacy() throws {
        let melatonin = Fixtures.unlicensed(foreign: ["DE"])
        let decision = try Fixtures.decide(melatonin, indication: "G47.0", applicant: Fixtures.gp)
        #expect(decision.agencyApplication == .notification)
        #expect(try ExemptionSubmission.evaluate(decision, medicine: melatonin, earlyPhase: nil) == .notification)
    }

    @Test func missingEarlyPhaseDocumentationWarnsButDoesNotStop() throws {
        let ilb = Fixtures.earlyPhase(name: "ILB")
        let patient = Patient(species: .human, fatalWithoutAlternatives: true, informedConsent: true)
        let decision = try Fixtures.decide(ilb, indication: "G12.2", patient: patient)
        guard case .toAgency(let warnings) = try ExemptionSubmission.evaluate(decision, medicine: ilb, earlyPhase: nil)
        else {
            Issue.record("expected the agency")
            return
        }
        #expect(warnings.count == 1)
        let documented = EarlyPhaseDocumentation(studyPhases: "Fase I og II", patientsStudied: 40)
        #expect(
            try ExemptionSubmission.evaluate(decision, medicine: ilb, earlyPhase: documented) == .toAgency(warnings: [])
        )
    }
}

/// The simplified hospital routine: the department's responsible consultant signs the pharmacy's annual list.
@Suite struct DepartmentExemptionListTests {
    static func sign(
        role: Role = .sectionChief, trust: String = "SI", department: String? = "SI-MED", items: Int = 3,
        signed: Bool = false
    ) throws(DepartmentExemptionList.SignError) {
        try DepartmentExemptionList.checkSigner(
            role: role, trust: trust, department: department, listTrust: "SI", listDepartment: "SI-MED",
            itemCount: items, signed: signed)
    }

    @Test func theDepartmentsConsultantSignsOnce() throws {
        try Self.sign()
        try Self.sign(role: .departmentHead)
        #expect(throws: DepartmentExemptionList.SignError.alreadySigned) { try Self.sign(signed: true) }
        #expect(throws: DepartmentExemptionList.SignError.wrongRole) { try Self.sign(role: .hospitalPharmacist) }
        #expect(throws: DepartmentExemptionList.SignError.wrongRole) { try Self.sign(role: .physician) }
        #expect(throws: DepartmentExemptionList.SignError.otherDepartment) { try Self.sign(department: "SI-PHV") }
        #expect(throws: DepartmentExemptionList.SignError.otherDepartment) { try Self.sign(trust: "HB") }
        #expect(throws: DepartmentExemptionList.SignError.empty) { try Self.sign(items: 0) }
        #expect(DepartmentExemptionList.period(year: 2026)?.until == Fixtures.date("2026-12-31"))
    }
}
