import Testing

@testable import TilgangDomain

/// The trust's approval chain v1 (SPEC §5), as cases under way keep it: order, owners, four eyes, cross-trust,
/// supplements, withdrawal.
@Suite struct ApprovalWorkflowTests {
    static let applicant = CaseActor(personID: "lege", role: .physician, trustID: "SI", departmentID: "med")
    static let head = CaseActor(personID: "leder", role: .departmentHead, trustID: "SI", departmentID: "med")
    static let division = CaseActor(personID: "divisjon", role: .divisionDirector, trustID: "SI", departmentID: nil)
    static let committee = CaseActor(personID: "komite", role: .committeeMember, trustID: "SI", departmentID: nil)
    static let director = CaseActor(personID: "direktor", role: .medicalDirector, trustID: "SI", departmentID: nil)
    static let partner = CaseActor(personID: "direktor-hb", role: .medicalDirector, trustID: "HB", departmentID: nil)
    static let priority = PriorityAssessment(benefit: "Stor", resourceUse: "Moderat", severity: "Alvorlig")

    /// Applies the actions in turn, as the store would, and returns the final snapshot.
    static func run(
        _ steps: [(CaseAction, CaseActor, String?)], patientTrust: String = "SI"
    ) throws -> CaseSnapshot {
        var snapshot = CaseSnapshot(
            state: .draft, chainVersion: 1, applicantID: "lege", trustID: "SI", departmentID: "med",
            patientTrustID: patientTrust, history: [])
        for (action, actor, comment) in steps {
            let transition = try ApprovalWorkflow.apply(action, comment: comment, by: actor, to: snapshot)
            snapshot = CaseSnapshot(
                state: transition.to, chainVersion: 1, applicantID: "lege", trustID: "SI", departmentID: "med",
                patientTrustID: patientTrust, history: snapshot.history + [transition])
        }
        return snapshot
    }

    static let upToCommittee: [(CaseAction, CaseActor, String?)] = [
        (.submit, applicant, nil), (.qualityAssure, head, "Faglig god"), (.assessPriority(priority), division, nil),
    ]

    @Test func wholeChainToApproval() throws {
        // when
        let done = try Self.run(
            Self.upToCommittee + [(.recommend, Self.committee, nil), (.approve, Self.director, "Godkjent for 6 mnd")])
        // then
        #expect(done.state == .approved)
        #expect(
            done.history.map(\.to) == [
                .departmentReview, .divisionReview, .committeeReview, .directorDecision, .approved,
            ])
        #expect(done.history[2].priority == Self.priority)
        #expect(done.history.last?.comment == "Godkjent for 6 mnd")
    }

    @Test func supplementGoesBackToApplicantAndReturnsToCommittee() throws {
        // when
        let done = try Self.run(
            Self.upToCommittee + [
                (.requestSupplement, Self.committee, "Mangler studiedata"),
                (.supplySupplement, Self.applicant, "Vedlagt"),
                (.recommend, Self.committee, nil), (.refuse, Self.director, "Usikker nytte"),
            ])
        // then
        #expect(
            done.history.map(\.to) == [
                .departmentReview, .divisionReview, .committeeReview, .supplementRequested, .committeeReview,
                .directorDecision, .refused,
            ])
    }

    @Test func crossTrustPatientNeedsBothMedicalDirectors() throws {
        // given: the patient lives in Helse Bergen's area
        let atCommittee = try Self.run(Self.upToCommittee + [(.recommend, Self.committee, nil)], patientTrust: "HB")
        #expect(atCommittee.state == .partnerDirectorReview)
        // then: our own director cannot decide yet, and cannot stand in for the other trust's director
        #expect(throws: CaseTransitionError.notAllowedInState(action: "approve", state: .partnerDirectorReview)) {
            try ApprovalWorkflow.apply(.approve, comment: "Ok", by: Self.director, to: atCommittee)
        }
        #expect(throws: CaseTransitionError.wrongOrganisation) {
            try ApprovalWorkflow.apply(.partnerDirectorConcur, comment: nil, by: Self.director, to: atCommittee)
        }
        // when the patient's trust's director has been involved, our director decides
        let done = try Self.run(
            Self.upToCommittee + [
                (.recommend, Self.committee, nil), (.partnerDirectorConcur, Self.partner, "Enig"),
                (.approve, Self.director, "Godkjent"),
            ], patientTrust: "HB")
        #expect(done.state == .approved)
        #expect(done.history.contains { $0.actorID == "direktor-hb" && $0.actorTrustID == "HB" })
    }

    @Test func onlyTheRoleThatOwnsTheStepMayAct() throws {
        let submitted = try Self.run([(.submit, Self.applicant, nil)])
        #expect(throws: CaseTransitionError.wrongRole(required: .departmentHead)) {
            try ApprovalWorkflow.apply(.qualityAssure, comment: nil, by: Self.director, to: submitted)
        }
        let otherDepartment = CaseActor(personID: "x", role: .departmentHead, trustID: "SI", departmentID: "kir")
        #expect(throws: CaseTransitionError.wrongOrganisation) {
            try ApprovalWorkflow.apply(.qualityAssure, comment: nil, by: otherDepartment, to: submitted)
        }
        #expect(throws: CaseTransitionError.notAllowedInState(action: "approve", state: .departmentReview)) {
            try ApprovalWorkflow.apply(.approve, comment: "x", by: Self.head, to: submitted)
        }
    }

    @Test func nobodyActsOnTheirOwnApplication() throws {
        // given: a department head applies as treating physician
        var snapshot = try Self.run([(.submit, Self.applicant, nil)])
        snapshot = CaseSnapshot(
            state: snapshot.state, chainVersion: 1, applicantID: "leder", trustID: "SI", departmentID: "med",
            patientTrustID: "SI", history: [])
        // then
        #expect(throws: CaseTransitionError.ownApplication) {
            try ApprovalWorkflow.apply(.qualityAssure, comment: nil, by: Self.head, to: snapshot)
        }
    }

    @Test func noPersonActsOnTwoStepsOfOneCase() throws {
        // given: the department head also sits in the committee
        let atCommittee = try Self.run(Self.upToCommittee)
        let sameHeadInCommittee = CaseActor(personID: "leder", role: .committeeMember, trustID: "SI", departmentID: nil)
        // then
        #expect(throws: CaseTransitionError.fourEyes(earlierStep: .departmentReview)) {
            try ApprovalWorkflow.apply(.recommend, comment: nil, by: sameHeadInCommittee, to: atCommittee)
        }
    }

    @Test func committeeMemberMayActTwiceOnTheCommitteeStep() throws {
        let done = try Self.run(
            Self.upToCommittee + [
                (.requestSupplement, Self.committee, "Mer data"), (.supplySupplement, Self.applicant, "Her"),
                (.recommend, Self.committee, nil),
            ])
        #expect(done.state == .directorDecision)
    }

    @Test func substituteRecordsBothNamesAndCountsForFourEyes() throws {
        // given: the department head is away; the division director's deputy stands in for the head
        let deputy = CaseActor(
            personID: "stedfortreder", role: .departmentHead, trustID: "SI", departmentID: "med", onBehalfOf: "leder")
        let submitted = try Self.run([(.submit, Self.applicant, nil)])
        // when
        let transition = try ApprovalWorkflow.apply(.qualityAssure, comment: nil, by: deputy, to: submitted)
        // then
        #expect(transition.actorID == "stedfortreder")
        #expect(transition.onBehalfOf == "leder")
        // and the head stood in for cannot act on a later step of the same case
        let next = CaseSnapshot(
            state: .divisionReview, chainVersion: 1, applicantID: "lege", trustID: "SI", departmentID: "med",
            patientTrustID: "SI", history: [transition])
        let headAsDivision = CaseActor(personID: "leder", role: .divisionDirector, trustID: "SI", departmentID: nil)
        #expect(throws: CaseTransitionError.fourEyes(earlierStep: .departmentReview)) {
            try ApprovalWorkflow.apply(.assessPriority(Self.priority), comment: nil, by: headAsDivision, to: next)
        }
    }

    @Test func requiredFieldsAreNamed() throws {
        let atDivision = try Self.run([(.submit, Self.applicant, nil), (.qualityAssure, Self.head, nil)])
        let noSeverity = PriorityAssessment(benefit: "Stor", resourceUse: "Lav", severity: " ")
        #expect(throws: CaseTransitionError.missing(field: "severity")) {
            try ApprovalWorkflow.apply(.assessPriority(noSeverity), comment: nil, by: Self.division, to: atDivision)
        }
        let atDecision = try Self.run(Self.upToCommittee + [(.recommend, Self.committee, nil)])
        #expect(throws: CaseTransitionError.missing(field: "comment")) {
            try ApprovalWorkflow.apply(.refuse, comment: "  ", by: Self.director, to: atDecision)
        }
    }

    @Test func applicantMayWithdrawWithAReasonBeforeTheDecisionButNotAfter() throws {
        // given
        let atCommittee = try Self.run(Self.upToCommittee)
        let approved = try Self.run(
            Self.upToCommittee + [(.recommend, Self.committee, nil), (.approve, Self.director, "Ok")])
        // then
        #expect(throws: CaseTransitionError.onlyApplicant) {
            try ApprovalWorkflow.apply(.withdraw, comment: "Pasienten døde", by: Self.committee, to: atCommittee)
        }
        #expect(throws: CaseTransitionError.missing(field: "comment")) {
            try ApprovalWorkflow.apply(.withdraw, comment: " ", by: Self.applicant, to: atCommittee)
        }
        let withdrawn = try ApprovalWorkflow.apply(
            .withdraw, comment: "Behandlingen er ikke lenger aktuell", by: Self.applicant, to: atCommittee)
        #expect(withdrawn.to == .withdrawn)
        #expect(withdrawn.comment == "Behandlingen er ikke lenger aktuell")
        #expect(throws: CaseTransitionError.notAllowedInState(action: "withdraw", state: .approved)) {
            try ApprovalWorkflow.apply(.withdraw, comment: "For sent", by: Self.applicant, to: approved)
        }
    }

    @Test func chainOneKeepsItsOwnActionsAndHasNoReturn() throws {
        // given: a case under way on chain v1
        let atDepartment = try Self.run([(.submit, Self.applicant, nil)])
        let opinion = StepAssessment(kind: .recommendApproval, text: "Faglig god")
        // then: the v2 actions are not part of v1, whose cases carry on as they started
        #expect(throws: CaseTransitionError.notAllowedInState(action: "assess", state: .departmentReview)) {
            try ApprovalWorkflow.apply(.assess(opinion), comment: nil, by: Self.head, to: atDepartment)
        }
        #expect(
            throws: CaseTransitionError.notAllowedInState(action: "return_to_applicant", state: .departmentReview)
        ) {
            try ApprovalWorkflow.apply(.returnToApplicant, comment: "Mangler", by: Self.head, to: atDepartment)
        }
        #expect(ApprovalChain.all[2] == ApprovalChain.v2)
    }

    @Test func aCaseKeepsTheChainVersionItStartedUnder() {
        let unknown = CaseSnapshot(
            state: .departmentReview, chainVersion: 99, applicantID: "lege", trustID: "SI", departmentID: "med",
            patientTrustID: "SI", history: [])
        #expect(throws: CaseTransitionError.unknownChainVersion(99)) {
            try ApprovalWorkflow.apply(.qualityAssure, comment: nil, by: Self.head, to: unknown)
        }
    }
}
