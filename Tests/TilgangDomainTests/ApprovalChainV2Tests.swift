import Testing

@testable import TilgangDomain

/// Chain v2 (SPEC §5.11): every step records what it thinks and can say no; the director decides with it all in
/// view. A refused case can be revised into a new, linked application.
@Suite struct ApprovalChainV2Tests {
    typealias F = Fixtures

    @Test func everyStepRecordsItsAssessmentAndTheDirectorSeesThemAll() throws {
        // given: a patient from Helse Bergen's area
        let start = F.draft(patientTrust: "HB")
        // when
        let atDecision = try F.run(
            F.toCommittee + [
                (F.opinion(.recommendApproval, "Anbefales", members: ["komite-2", "komite-3"]), F.committee, nil),
                (F.opinion(.comment, "Pasienten følges opp lokalt"), F.partner, nil),
            ], from: start)
        // then
        #expect(atDecision.state == .directorDecision)
        let seen = atDecision.currentAssessments
        #expect(seen.map(\.from) == [.departmentReview, .divisionReview, .committeeReview, .partnerDirectorReview])
        #expect(seen.map(\.assessment?.kind) == [.recommendApproval, .recommendApproval, .recommendApproval, .comment])
        #expect(seen[0].assessment?.text == "Faglig forsvarlig")
        #expect(seen[1].priority == F.priority && seen[1].assessment?.priority == F.priority)
        #expect(seen[2].assessment?.members == ["komite", "komite-2", "komite-3"])
        let done = try F.run([(.approve, F.director, "Godkjent for 6 mnd")], from: atDecision)
        #expect(done.state == .approved)
    }

    @Test func aRecommendationToRefuseIsRecordedAndTheCaseGoesOnToTheDirector() throws {
        // given
        let start = F.draft()
        // when: the department head and the committee recommend refusal
        let atDecision = try F.run(
            [
                (.submit, F.physician, nil), (F.opinion(.recommendRefusal, "Svak dokumentasjon"), F.head, nil),
                (F.opinion(.recommendApproval, "Alvorlig tilstand", priority: F.priority), F.division, nil),
                (F.opinion(.recommendRefusal, "Usikker nytte", members: ["komite-2"]), F.committee, nil),
            ], from: start)
        // then: nobody but the director refuses; the director sees both recommendations
        #expect(atDecision.state == .directorDecision)
        #expect(
            atDecision.currentAssessments.map(\.assessment?.kind) == [
                .recommendRefusal, .recommendApproval, .recommendRefusal,
            ])
        let done = try F.run(
            [(.approve, F.director, "Godkjent tross anbefalingene: ingen alternativer")], from: atDecision)
        #expect(done.state == .approved)
    }

    @Test func partnerDirectorMayObjectAndTheObjectionReachesTheDecision() throws {
        // given
        let atPartner = try F.run(
            F.toCommittee + [(F.opinion(.recommendApproval, "Ok", members: ["komite-2"]), F.committee, nil)],
            from: F.draft(patientTrust: "HB"))
        #expect(atPartner.state == .partnerDirectorReview)
        // then: the partner director does not recommend, and cannot return our applicant's case
        #expect(
            throws: CaseTransitionError.assessmentNotAllowed(kind: .recommendRefusal, state: .partnerDirectorReview)
        ) {
            try ApprovalWorkflow.apply(F.opinion(.recommendRefusal), comment: nil, by: F.partner, to: atPartner)
        }
        #expect(
            throws: CaseTransitionError.notAllowedInState(action: "return_to_applicant", state: .partnerDirectorReview)
        ) {
            try ApprovalWorkflow.apply(.returnToApplicant, comment: "Nei", by: F.partner, to: atPartner)
        }
        // when
        let atDecision = try F.run(
            [(F.opinion(.objection, "Tilbudet finnes i Bergen"), F.partner, nil)], from: atPartner)
        // then
        #expect(atDecision.state == .directorDecision)
        #expect(
            atDecision.currentAssessments.last?.assessment
                == StepAssessment(kind: .objection, text: "Tilbudet finnes i Bergen"))
        #expect(atDecision.currentAssessments.last?.actorTrustID == "HB")
    }

    @Test func aReturnedCaseIsAmendedAndStartsTheChainAgain() throws {
        // given: the division director returns the case
        let returned = try F.run(
            [
                (.submit, F.physician, nil), (F.opinion(.recommendApproval, "Ok"), F.head, nil),
                (.returnToApplicant, F.division, "Kostnadsanslaget mangler"),
            ], from: F.draft())
        #expect(returned.state == .returned)
        #expect(returned.history.last?.comment == "Kostnadsanslaget mangler")
        // then: only the applicant acts now
        #expect(ApprovalWorkflow.assignment(of: returned, among: [F.head, F.division]) == .applicant("lege"))
        #expect(ApprovalWorkflow.availableActions(for: F.physician, on: returned) == ["submit", "withdraw"])
        // when: resubmitted
        let again = try F.run([(.submit, F.physician, "Kostnadsanslag lagt til")], from: returned)
        // then: the department head sees the amended application first, and the earlier round is history
        #expect(again.state == .departmentReview)
        #expect(again.currentAssessments.isEmpty)
        let done = try F.run(
            [
                (F.opinion(.recommendApproval, "Fortsatt ok"), F.head, nil),
                (F.opinion(.recommendApproval, "Nå vurderbar", priority: F.priority), F.division, nil),
            ], from: again)
        #expect(done.state == .committeeReview)
        #expect(done.currentAssessments.map(\.assessment?.text) == ["Fortsatt ok", "Nå vurderbar"])
    }

    @Test func aReturnNeedsAReasonAndTheFirstTwoStepsAndTheCommitteeMayReturn() throws {
        // given
        let atDepartment = try F.run([(.submit, F.physician, nil)], from: F.draft())
        let atCommittee = try F.run(F.toCommittee, from: F.draft())
        // then
        #expect(throws: CaseTransitionError.missing(field: "comment")) {
            try ApprovalWorkflow.apply(.returnToApplicant, comment: " ", by: F.head, to: atDepartment)
        }
        #expect(
            try ApprovalWorkflow.apply(.returnToApplicant, comment: "Uklart", by: F.head, to: atDepartment).to
                == .returned)
        #expect(
            try ApprovalWorkflow.apply(.returnToApplicant, comment: "Uklart", by: F.committee, to: atCommittee).to
                == .returned)
        #expect(
            ApprovalWorkflow.availableActions(for: F.committee, on: atCommittee) == [
                "assess", "request_supplement", "return_to_applicant",
            ])
    }

    @Test func everyAssessmentStatesItsReasonsAndWhatItsStepNeeds() throws {
        // given
        let atDepartment = try F.run([(.submit, F.physician, nil)], from: F.draft())
        let atDivision = try F.run([(F.opinion(.recommendApproval, "Ok"), F.head, nil)], from: atDepartment)
        let atCommittee = try F.run(F.toCommittee, from: F.draft())
        // then
        #expect(throws: CaseTransitionError.missing(field: "assessment")) {
            try ApprovalWorkflow.apply(F.opinion(.recommendApproval, "  "), comment: nil, by: F.head, to: atDepartment)
        }
        #expect(throws: CaseTransitionError.assessmentNotAllowed(kind: .objection, state: .departmentReview)) {
            try ApprovalWorkflow.apply(F.opinion(.objection), comment: nil, by: F.head, to: atDepartment)
        }
        #expect(throws: CaseTransitionError.notAllowedInState(action: "quality_assure", state: .departmentReview)) {
            try ApprovalWorkflow.apply(.qualityAssure, comment: nil, by: F.head, to: atDepartment)
        }
        let byCriteria = F.opinion(.recommendRefusal, "", priority: F.priority)
        #expect(
            try ApprovalWorkflow.apply(byCriteria, comment: nil, by: F.division, to: atDivision).to == .committeeReview)
        #expect(throws: CaseTransitionError.missing(field: "benefit")) {
            try ApprovalWorkflow.apply(F.opinion(.recommendRefusal), comment: nil, by: F.division, to: atDivision)
        }
        let noSeverity = PriorityAssessment(benefit: "Liten", resourceUse: "Høy", severity: "")
        #expect(throws: CaseTransitionError.missing(field: "severity")) {
            try ApprovalWorkflow.apply(
                F.opinion(.recommendRefusal, priority: noSeverity), comment: nil, by: F.division, to: atDivision)
        }
        #expect(throws: CaseTransitionError.missing(field: "members")) {
            try ApprovalWorkflow.apply(
                F.opinion(.recommendApproval, members: [" "]), comment: nil, by: F.committee, to: atCommittee)
        }
    }

    @Test func committeeMembersWhoTookPartAreBoundByFourEyes() throws {
        // given
        let atCommittee = try F.run(F.toCommittee, from: F.draft())
        // then: the department head cannot take part in the committee's recommendation, nor the applicant
        #expect(throws: CaseTransitionError.memberMayNotTakePart(member: "leder", earlierStep: .departmentReview)) {
            try ApprovalWorkflow.apply(
                F.opinion(.recommendApproval, members: ["komite-2", "leder"]), comment: nil, by: F.committee,
                to: atCommittee)
        }
        #expect(throws: CaseTransitionError.memberMayNotTakePart(member: "lege", earlierStep: nil)) {
            try ApprovalWorkflow.apply(
                F.opinion(.recommendApproval, members: ["lege"]), comment: nil, by: F.committee, to: atCommittee)
        }
        // when: komite-2 took part in the recommendation
        let atDecision = try F.run(
            [(F.opinion(.recommendApproval, "Ok", members: ["komite-2"]), F.committee, nil)], from: atCommittee)
        // then: komite-2 cannot decide as the director's stand-in
        let standIn = CaseActor(
            personID: "komite-2", role: .medicalDirector, trustID: "SI", departmentID: nil, onBehalfOf: "direktor")
        #expect(throws: CaseTransitionError.fourEyes(earlierStep: .committeeReview)) {
            try ApprovalWorkflow.apply(.approve, comment: "Ok", by: standIn, to: atDecision)
        }
    }

    @Test func theSupplementLoopIsKeptAndTheRecommendationFollowsIt() throws {
        // when
        let atDecision = try F.run(
            F.toCommittee + [
                (.requestSupplement, F.committee, "Mangler studiedata"), (.supplySupplement, F.physician, "Vedlagt"),
                (F.opinion(.recommendApproval, "Studiedata holder", members: ["komite-2"]), F.committee, nil),
            ], from: F.draft())
        // then
        #expect(
            atDecision.history.map(\.to) == [
                .departmentReview, .divisionReview, .committeeReview, .supplementRequested, .committeeReview,
                .directorDecision,
            ])
        #expect(atDecision.currentAssessments.count == 3)
    }

    @Test func withdrawingNeedsAReasonFromEveryStateBeforeTheDecision() throws {
        // given
        let returned = try F.run(
            [(.submit, F.physician, nil), (.returnToApplicant, F.head, "Uklart")], from: F.draft())
        // then
        #expect(throws: CaseTransitionError.missing(field: "comment")) {
            try ApprovalWorkflow.apply(.withdraw, comment: nil, by: F.physician, to: returned)
        }
        let withdrawn = try ApprovalWorkflow.apply(
            .withdraw, comment: "Pasienten fikk annen behandling", by: F.physician, to: returned)
        #expect(withdrawn.to == .withdrawn && withdrawn.comment == "Pasienten fikk annen behandling")
    }

    @Test func aRefusedCaseIsRevisedIntoANewLinkedDraft() throws {
        // given
        let refused = try F.run(
            F.toCommittee + [
                (F.opinion(.recommendRefusal, "Usikker nytte", members: ["komite-2"]), F.committee, nil),
                (F.opinion(.objection, "Bør ikke finansieres"), F.partner, nil),
                (.refuse, F.director, "Nytten er ikke dokumentert"),
            ], from: F.draft(patientTrust: "HB"))
        // when
        let revision = try ApprovalWorkflow.revise(refused, caseID: "SI-2026-000042", by: F.physician)
        // then
        #expect(revision.revisesCaseID == "SI-2026-000042")
        #expect(revision.draft.state == .draft && revision.draft.history.isEmpty)
        #expect(revision.draft.chainVersion == ApprovalChain.current.version)
        #expect(revision.draft.applicantID == "lege" && revision.draft.patientTrustID == "HB")
        #expect(try F.run([(.submit, F.physician, nil)], from: revision.draft).state == .departmentReview)
    }

    @Test func onlyTheApplicantRevisesAndOnlyARefusedCase() throws {
        // given
        let refused = try F.run(
            F.toCommittee + [
                (F.opinion(.recommendRefusal, "Nei", members: ["komite-2"]), F.committee, nil),
                (.refuse, F.director, "Avslått"),
            ], from: F.draft())
        let atCommittee = try F.run(F.toCommittee, from: F.draft())
        // then
        #expect(throws: CaseTransitionError.onlyApplicant) {
            try ApprovalWorkflow.revise(refused, caseID: "SI-1", by: F.head)
        }
        #expect(throws: CaseTransitionError.notAllowedInState(action: "revise", state: .committeeReview)) {
            try ApprovalWorkflow.revise(atCommittee, caseID: "SI-1", by: F.physician)
        }
    }
}
