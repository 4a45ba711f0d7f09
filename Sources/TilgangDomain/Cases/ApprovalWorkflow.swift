import Foundation

/// The trust's approval chain as a state machine (SPEC §5): which action is allowed in which state, for whom,
/// and where it leads. Pure: the caller stores the transition it returns.
public enum ApprovalWorkflow {
    /// Applies `action` by `actor` to the case, or explains why not.
    ///
    /// - Parameter comment: required for a supplement request or reply and for the decision (the reasons).
    public static func apply(
        _ action: CaseAction, comment: String?, by actor: CaseActor, to snapshot: CaseSnapshot
    ) throws(CaseTransitionError) -> CaseTransition {
        guard let chain = ApprovalChain.all[snapshot.chainVersion] else {
            throw .unknownChainVersion(snapshot.chainVersion)
        }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hasComment = !(comment ?? "").isEmpty
        var priority: PriorityAssessment?

        guard isAllowed(action, in: snapshot.state) else {
            throw .notAllowedInState(action: action.name, state: snapshot.state)
        }
        if action.isApplicantAction {
            guard actor.personID == snapshot.applicantID, actor.onBehalfOf == nil else { throw .onlyApplicant }
        } else {
            try checkReviewer(actor, chain: chain, snapshot: snapshot)
        }

        let target: CaseState
        switch (action, snapshot.state) {
        case (.submit, .draft):
            target = chain.steps[0].state
        case (.qualityAssure, .departmentReview):
            target = next(after: .departmentReview, in: chain, snapshot)
        case (.assessPriority(let assessment), .divisionReview):
            for (field, value) in [
                ("benefit", assessment.benefit), ("resourceUse", assessment.resourceUse),
                ("severity", assessment.severity),
            ] where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .missing(field: field)
            }
            priority = assessment
            target = next(after: .divisionReview, in: chain, snapshot)
        case (.requestSupplement, .committeeReview):
            guard hasComment else { throw .missing(field: "comment") }
            target = .supplementRequested
        case (.supplySupplement, .supplementRequested):
            guard hasComment else { throw .missing(field: "comment") }
            target = .committeeReview
        case (.recommend, .committeeReview):
            target = next(after: .committeeReview, in: chain, snapshot)
        case (.partnerDirectorConcur, .partnerDirectorReview):
            target = next(after: .partnerDirectorReview, in: chain, snapshot)
        case (.approve, .directorDecision), (.refuse, .directorDecision):
            guard hasComment else { throw .missing(field: "comment") }
            target = action == .approve ? .approved : .refused
        case (.withdraw, let state) where !state.isFinal:
            target = .withdrawn
        default:
            throw .notAllowedInState(action: action.name, state: snapshot.state)
        }
        return CaseTransition(
            from: snapshot.state, to: target, action: action.name, actorID: actor.personID, actorRole: actor.role,
            actorTrustID: actor.trustID, onBehalfOf: actor.onBehalfOf, comment: hasComment ? comment : nil,
            priority: priority)
    }

    /// The state each action belongs to; withdrawal is possible in every state before the decision.
    private static func isAllowed(_ action: CaseAction, in state: CaseState) -> Bool {
        switch action {
        case .submit: state == .draft
        case .qualityAssure: state == .departmentReview
        case .assessPriority: state == .divisionReview
        case .requestSupplement, .recommend: state == .committeeReview
        case .supplySupplement: state == .supplementRequested
        case .partnerDirectorConcur: state == .partnerDirectorReview
        case .approve, .refuse: state == .directorDecision
        case .withdraw: !state.isFinal
        }
    }

    /// Only the role that owns the current step, in the right organisation, never the applicant, and nobody
    /// who acted on another step of the same case (four eyes).
    private static func checkReviewer(_ actor: CaseActor, chain: ApprovalChain, snapshot: CaseSnapshot)
        throws(CaseTransitionError)
    {
        guard let step = chain.step(for: snapshot.state) else { return }  // the switch refuses the action
        guard !actor.people.contains(snapshot.applicantID) else { throw .ownApplication }
        guard actor.role == step.role else { throw .wrongRole(required: step.role) }
        let inOrganisation: Bool =
            switch step.scope {
            case .department: actor.trustID == snapshot.trustID && actor.departmentID == snapshot.departmentID
            case .trust: actor.trustID == snapshot.trustID
            case .patientTrust: actor.trustID == snapshot.patientTrustID
            }
        guard inOrganisation else { throw .wrongOrganisation }
        for earlier in snapshot.history where earlier.from != snapshot.state && chain.step(for: earlier.from) != nil {
            let earlierPeople = Set([earlier.actorID] + (earlier.onBehalfOf.map { [$0] } ?? []))
            if !earlierPeople.isDisjoint(with: actor.people) { throw .fourEyes(earlierStep: earlier.from) }
        }
    }

    /// The next review step; the patient trust's director only for a patient from another trust's area.
    private static func next(after state: CaseState, in chain: ApprovalChain, _ snapshot: CaseSnapshot) -> CaseState {
        guard let index = chain.steps.firstIndex(where: { $0.state == state }) else { return state }
        for step in chain.steps[(index + 1)...] {
            if step.scope == .patientTrust && !snapshot.isCrossTrust { continue }
            return step.state
        }
        return state
    }
}
