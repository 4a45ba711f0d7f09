import Foundation

/// The trust's approval chain as a state machine (SPEC §5): which action is allowed in which state, for whom,
/// and where it leads. Pure: the caller stores the transition it returns.
public enum ApprovalWorkflow {
    /// Applies `action` by `actor` to the case, or explains why not.
    ///
    /// - Parameter comment: required for a supplement request or reply, a return to the applicant, a withdrawal
    ///   and the decision (the reasons).
    public static func apply(
        _ action: CaseAction, comment: String?, by actor: CaseActor, to snapshot: CaseSnapshot
    ) throws(CaseTransitionError) -> CaseTransition {
        guard let chain = ApprovalChain.all[snapshot.chainVersion] else {
            throw .unknownChainVersion(snapshot.chainVersion)
        }
        guard isAllowed(action, in: snapshot.state, step: chain.step(for: snapshot.state)) else {
            throw .notAllowedInState(action: action.name, state: snapshot.state)
        }
        if action.isApplicantAction {
            guard actor.personID == snapshot.applicantID, actor.onBehalfOf == nil else { throw .onlyApplicant }
        } else {
            try checkReviewer(actor, chain: chain, snapshot: snapshot)
        }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hasComment = !(comment ?? "").isEmpty
        if action.requiresComment && !hasComment { throw .missing(field: "comment") }

        var priority: PriorityAssessment?
        var assessment: StepAssessment?
        let target: CaseState
        switch (action, snapshot.state) {
        case (.submit, .draft), (.submit, .returned):
            // A returned case starts the chain again: every step sees the amended application.
            target = chain.steps[0].state
        case (.qualityAssure, .departmentReview):
            target = next(after: .departmentReview, in: chain, snapshot)
        case (.assessPriority(let given), .divisionReview):
            try checkPriority(given)
            priority = given
            target = next(after: .divisionReview, in: chain, snapshot)
        case (.requestSupplement, .committeeReview):
            target = .supplementRequested
        case (.supplySupplement, .supplementRequested):
            target = .committeeReview
        case (.recommend, .committeeReview):
            target = next(after: .committeeReview, in: chain, snapshot)
        case (.partnerDirectorConcur, .partnerDirectorReview):
            target = next(after: .partnerDirectorReview, in: chain, snapshot)
        case (.assess(let given), let state):
            guard let step = chain.step(for: state) else {
                throw .notAllowedInState(action: action.name, state: state)
            }
            // A recommendation to refuse is recorded, not decided: the case goes on to the director regardless.
            assessment = try recorded(given, at: step, by: actor, chain: chain, snapshot: snapshot)
            priority = assessment?.priority
            target = next(after: state, in: chain, snapshot)
        case (.returnToApplicant, _):
            target = .returned
        case (.approve, .directorDecision), (.refuse, .directorDecision):
            target = action == .approve ? .approved : .refused
        case (.withdraw, let state) where !state.isFinal:
            target = .withdrawn
        default:
            throw .notAllowedInState(action: action.name, state: snapshot.state)
        }
        return CaseTransition(
            from: snapshot.state, to: target, action: action.name, actorID: actor.personID, actorRole: actor.role,
            actorTrustID: actor.trustID, onBehalfOf: actor.onBehalfOf, comment: hasComment ? comment : nil,
            priority: priority, assessment: assessment)
    }

    /// The actions `actor` may take on the case now, by name, each once (`assess` stands for every assessment
    /// kind of the step: `ApprovalChain.step(for:)` lists them).
    public static func availableActions(for actor: CaseActor, on snapshot: CaseSnapshot) -> [String] {
        var names: [String] = []
        for action in sampleActions(for: actor, on: snapshot)
        where (try? apply(action, comment: "–", by: actor, to: snapshot)) != nil && !names.contains(action.name) {
            names.append(action.name)
        }
        return names
    }

    /// Who can move the case on now, among `candidates` (the people in the trust and their stand-ins, as actors),
    /// or which appointment is needed first. Withdrawal does not count: it ends the case rather than moving it.
    public static func assignment(of snapshot: CaseSnapshot, among candidates: [CaseActor]) -> CaseAssignment {
        if snapshot.state.isFinal { return .closed }
        if snapshot.state.isWithApplicant { return .applicant(snapshot.applicantID) }
        guard let chain = ApprovalChain.all[snapshot.chainVersion], let step = chain.step(for: snapshot.state) else {
            return .closed
        }
        let able = candidates.filter { canMoveOn($0, snapshot) }
        if !able.isEmpty {
            // The step's own people first, then stand-ins, then the next leader up: taking an earlier step would
            // bar the next leader up from their own (four eyes).
            func rank(_ actor: CaseActor) -> Int { actor.role != step.role ? 2 : actor.onBehalfOf == nil ? 0 : 1 }
            let ranked = able.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            return .reviewers(ranked.map(\.element))
        }
        var barred: [String] = []
        for candidate in candidates {
            do throws(CaseTransitionError) {
                try checkReviewer(candidate, chain: chain, snapshot: snapshot)
            } catch {
                if case .fourEyes = error, !barred.contains(candidate.personID) { barred.append(candidate.personID) }
            }
        }
        let reason: NeededAppointment.Reason =
            !barred.isEmpty ? .fourEyes(barred: barred) : snapshot.applicantLeads(step) ? .ownApplication : .vacant
        var excluded: Set<String> = [snapshot.applicantID]
        for earlier in snapshot.history where earlier.from != snapshot.state && chain.step(for: earlier.from) != nil {
            excluded.formUnion(earlier.people)
        }
        let trust = step.scope == .patientTrust ? snapshot.patientTrustID : snapshot.trustID
        return .needsAppointment(
            NeededAppointment(
                state: snapshot.state, role: step.role, trustID: trust,
                departmentID: step.scope == .department ? snapshot.departmentID : nil,
                applicantMayHaveStandIn: snapshot.applicantLeads(step), excluded: excluded.sorted(), reason: reason))
    }

    /// Whether `actor` can take an action other than withdrawal on the case now.
    static func canMoveOn(_ actor: CaseActor, _ snapshot: CaseSnapshot) -> Bool {
        sampleActions(for: actor, on: snapshot).contains {
            $0 != .withdraw && (try? apply($0, comment: "–", by: actor, to: snapshot)) != nil
        }
    }

    /// One action of each kind the case's state takes, with placeholder content, to ask `apply` who may take it.
    static func sampleActions(for actor: CaseActor, on snapshot: CaseSnapshot) -> [CaseAction] {
        guard let chain = ApprovalChain.all[snapshot.chainVersion] else { return [] }
        let priority = PriorityAssessment(benefit: "–", resourceUse: "–", severity: "–")
        let step = chain.step(for: snapshot.state)
        let kinds = step?.assessmentKinds ?? []
        let actions: [CaseAction] =
            [.submit, .qualityAssure, .assessPriority(priority)]
            + kinds.map { .assess(StepAssessment(kind: $0, text: "–", members: [actor.personID], priority: priority)) }
            + [
                .requestSupplement, .supplySupplement, .recommend, .partnerDirectorConcur, .returnToApplicant,
                .approve, .refuse, .withdraw,
            ]
        return actions.filter { isAllowed($0, in: snapshot.state, step: step) }
    }

    /// The states each action belongs to; the chain version's `step` for the state decides whether it sends the
    /// case on with its own action (v1) or with an assessment (v2), and whether it may return the case. Withdrawal
    /// is possible in every state before the decision.
    private static func isAllowed(_ action: CaseAction, in state: CaseState, step: ChainStep?) -> Bool {
        let ownAction = step.map { !$0.recordsAssessment } ?? false
        return switch action {
        case .submit: state == .draft || state == .returned
        case .qualityAssure: state == .departmentReview && ownAction
        case .assessPriority: state == .divisionReview && ownAction
        case .recommend: state == .committeeReview && ownAction
        case .partnerDirectorConcur: state == .partnerDirectorReview && ownAction
        case .requestSupplement: state == .committeeReview
        case .supplySupplement: state == .supplementRequested
        case .assess: step?.recordsAssessment ?? false
        case .returnToApplicant: step?.mayReturn ?? false
        case .approve, .refuse: state == .directorDecision
        case .withdraw: !state.isFinal
        }
    }

    /// Only the role that owns the current step, in the right organisation, never the applicant, and nobody
    /// who acted on another step of the same case (four eyes). When the applicant holds the step's role, their
    /// stand-in or the next leader up takes the step (SPEC §5.12).
    private static func checkReviewer(_ actor: CaseActor, chain: ApprovalChain, snapshot: CaseSnapshot)
        throws(CaseTransitionError)
    {
        guard let step = chain.step(for: snapshot.state) else { return }  // the switch refuses the action
        let leads = snapshot.applicantLeads(step)
        guard actor.personID != snapshot.applicantID else { throw .ownApplication }
        if actor.onBehalfOf == snapshot.applicantID && !(leads && actor.role == step.role) { throw .ownApplication }
        let scope: StepScope
        if actor.role == step.role {
            scope = step.scope
        } else if leads, let up = step.nextLeaderUp, actor.role == up {
            scope = chain.scope(of: up) ?? .trust
        } else {
            throw .wrongRole(required: step.role)
        }
        let inOrganisation: Bool =
            switch scope {
            case .department: actor.trustID == snapshot.trustID && actor.departmentID == snapshot.departmentID
            case .trust: actor.trustID == snapshot.trustID
            case .patientTrust: actor.trustID == snapshot.patientTrustID
            }
        guard inOrganisation else { throw .wrongOrganisation }
        if let earlier = earlierStep(of: actor.people, chain: chain, snapshot: snapshot) {
            throw .fourEyes(earlierStep: earlier)
        }
    }

    /// The first other step of the case that one of `people` acted on.
    private static func earlierStep(of people: Set<String>, chain: ApprovalChain, snapshot: CaseSnapshot)
        -> CaseState?
    {
        snapshot.history.first {
            $0.from != snapshot.state && chain.step(for: $0.from) != nil && !$0.people.isDisjoint(with: people)
        }?.from
    }

    /// The assessment as recorded: a kind the step gives, its reasons, and what the step must add.
    private static func recorded(
        _ given: StepAssessment, at step: ChainStep, by actor: CaseActor, chain: ApprovalChain,
        snapshot: CaseSnapshot
    ) throws(CaseTransitionError) -> StepAssessment {
        guard step.assessmentKinds.contains(given.kind) else {
            throw .assessmentNotAllowed(kind: given.kind, state: step.state)
        }
        let text = given.text.trimmingCharacters(in: .whitespacesAndNewlines)
        // The division director's reasons are benefit, resource use and severity (seed 001); words are optional.
        guard !text.isEmpty || step.requiresPriority else { throw .missing(field: "assessment") }
        var priority: PriorityAssessment?
        if step.requiresPriority {
            let given = given.priority ?? PriorityAssessment(benefit: "", resourceUse: "", severity: "")
            try checkPriority(given)
            priority = given
        }
        var members: [String] = []
        if step.requiresMembers {
            let named = given.members.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard !named.isEmpty else { throw .missing(field: "members") }
            // The one who records the recommendation took part in it.
            for member in [actor.personID] + named where !members.contains(member) {
                if member != actor.personID {
                    if member == snapshot.applicantID { throw .memberMayNotTakePart(member: member, earlierStep: nil) }
                    if let earlier = earlierStep(of: [member], chain: chain, snapshot: snapshot) {
                        throw .memberMayNotTakePart(member: member, earlierStep: earlier)
                    }
                }
                members.append(member)
            }
        }
        return StepAssessment(kind: given.kind, text: text, members: members, priority: priority)
    }

    /// Seed 001: benefit, resource use (cost) and severity must each be recorded.
    private static func checkPriority(_ assessment: PriorityAssessment) throws(CaseTransitionError) {
        for (field, value) in [
            ("benefit", assessment.benefit), ("resourceUse", assessment.resourceUse), ("severity", assessment.severity),
        ] where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .missing(field: field)
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
