import Testing

@testable import TilgangDomain

/// SPEC §5.12: a leader's own application goes to their stand-in or the next leader up; a step barred by four eyes
/// goes to another eligible person, or the case says whom to appoint.
@Suite struct ApprovalAssignmentTests {
    typealias F = Fixtures

    static let sectionChiefForHead = CaseActor(
        personID: "seksjon", role: .departmentHead, trustID: "SI", departmentID: "med", onBehalfOf: "leder")
    static let otherDivision = CaseActor(
        personID: "divisjon-2", role: .divisionDirector, trustID: "SI", departmentID: nil)

    @Test func aDepartmentHeadsApplicationGoesToTheirStandInOrTheNextLeaderUp() throws {
        // given: the department head applies
        let atDepartment = try F.run([(.submit, F.head, nil)], from: F.draft(by: F.head))
        // then: not to the head, but to the section chief standing in for them, or to the division director
        #expect(throws: CaseTransitionError.ownApplication) {
            try ApprovalWorkflow.apply(F.opinion(.recommendApproval), comment: nil, by: F.head, to: atDepartment)
        }
        let byStandIn = try ApprovalWorkflow.apply(
            F.opinion(.recommendApproval, "Faglig god"), comment: nil, by: Self.sectionChiefForHead, to: atDepartment)
        #expect(byStandIn.to == .divisionReview && byStandIn.onBehalfOf == "leder")
        let byDivision = try ApprovalWorkflow.apply(
            F.opinion(.recommendApproval, "Faglig god"), comment: nil, by: F.division, to: atDepartment)
        #expect(byDivision.to == .divisionReview && byDivision.actorRole == .divisionDirector)
        // and the stand-in comes first, since the division director who took the step could not take their own
        let assignment = ApprovalWorkflow.assignment(
            of: atDepartment, among: [F.head, F.division, Self.sectionChiefForHead, F.committee])
        #expect(assignment == .reviewers([Self.sectionChiefForHead, F.division]))
    }

    @Test func theNextLeaderUpTakesOnlyALeadersOwnApplication() throws {
        // given: a physician's application
        let atDepartment = try F.run([(.submit, F.physician, nil)], from: F.draft())
        // then
        #expect(throws: CaseTransitionError.wrongRole(required: .departmentHead)) {
            try ApprovalWorkflow.apply(F.opinion(.recommendApproval), comment: nil, by: F.division, to: atDepartment)
        }
    }

    @Test func aStepBarredByFourEyesGoesToAnotherEligiblePerson() throws {
        // given: the division director took the department head's own application
        let atDivision = try F.run(
            [(.submit, F.head, nil), (F.opinion(.recommendApproval, "Ok"), F.division, nil)], from: F.draft(by: F.head))
        // then: not the same division director, nor anyone standing in for them, but another division director
        let standInForDivision = CaseActor(
            personID: "komite", role: .divisionDirector, trustID: "SI", departmentID: nil, onBehalfOf: "divisjon")
        #expect(throws: CaseTransitionError.fourEyes(earlierStep: .departmentReview)) {
            try ApprovalWorkflow.apply(
                F.opinion(.recommendApproval, priority: F.priority), comment: nil, by: standInForDivision,
                to: atDivision)
        }
        let assignment = ApprovalWorkflow.assignment(
            of: atDivision, among: [F.division, standInForDivision, Self.otherDivision])
        #expect(assignment == .reviewers([Self.otherDivision]))
    }

    @Test func withNobodyEligibleTheCaseSaysWhomToAppoint() throws {
        // given: the only division director stood in for the department head on this case
        let divisionAsHead = CaseActor(
            personID: "divisjon", role: .departmentHead, trustID: "SI", departmentID: "med", onBehalfOf: "leder")
        let atDivision = try F.run(
            [(.submit, F.physician, nil), (F.opinion(.recommendApproval, "Ok"), divisionAsHead, nil)], from: F.draft())
        // when
        let assignment = ApprovalWorkflow.assignment(of: atDivision, among: [F.head, F.division, F.committee])
        // then
        guard case .needsAppointment(let needed) = assignment else {
            Issue.record("expected an appointment, got \(assignment)")
            return
        }
        #expect(needed.role == .divisionDirector && needed.trustID == "SI" && needed.departmentID == nil)
        #expect(needed.reason == .fourEyes(barred: ["divisjon"]))
        #expect(needed.excluded == ["divisjon", "leder", "lege"])
        #expect(needed.description.contains("«Forankringsansvarlig leder»"))
        // and the appointment named unblocks the case
        let appointed = CaseActor(personID: "ny", role: needed.role, trustID: needed.trustID, departmentID: nil)
        #expect(ApprovalWorkflow.assignment(of: atDivision, among: [F.division, appointed]) == .reviewers([appointed]))
    }

    @Test func theMedicalDirectorsOwnApplicationIsDecidedByTheirStandIn() throws {
        // given: the medical director applies; the chain reaches the decision
        let atDecision = try F.run(
            [
                (.submit, F.director, nil), (F.opinion(.recommendApproval, "Ok"), F.head, nil),
                (F.opinion(.recommendApproval, "Ok", priority: F.priority), F.division, nil),
                (F.opinion(.recommendApproval, "Ok", members: ["komite-2"]), F.committee, nil),
            ], from: F.draft(by: F.director))
        let deputy = CaseActor(
            personID: "visedirektor", role: .medicalDirector, trustID: "SI", departmentID: nil, onBehalfOf: "direktor")
        // then: without a stand-in, the case names the appointment; the stand-in decides
        guard case .needsAppointment(let needed) = ApprovalWorkflow.assignment(of: atDecision, among: [F.director])
        else {
            Issue.record("expected an appointment")
            return
        }
        #expect(needed.role == .medicalDirector && needed.reason == .ownApplication && needed.applicantMayHaveStandIn)
        #expect(try ApprovalWorkflow.apply(.approve, comment: "Godkjent", by: deputy, to: atDecision).to == .approved)
    }

    @Test func availableActionsNameWhatTheActorMayDoNow() throws {
        // given
        let atDepartment = try F.run([(.submit, F.physician, nil)], from: F.draft())
        // then
        #expect(ApprovalWorkflow.availableActions(for: F.head, on: atDepartment) == ["assess", "return_to_applicant"])
        #expect(ApprovalWorkflow.availableActions(for: F.physician, on: atDepartment) == ["withdraw"])
        #expect(ApprovalWorkflow.availableActions(for: F.division, on: atDepartment).isEmpty)
        #expect(ApprovalWorkflow.availableActions(for: F.physician, on: F.draft()) == ["submit", "withdraw"])
    }
}
