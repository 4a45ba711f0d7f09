import Foundation

/// Who acts on a case: a person in one role of one organisation, possibly as a named substitute.
public struct CaseActor: Hashable, Sendable {
    public let personID: String
    public let role: Role
    public let trustID: String
    public let departmentID: String?
    /// The leader this person stands in for; both names are recorded on the transition.
    public let onBehalfOf: String?

    public init(personID: String, role: Role, trustID: String, departmentID: String?, onBehalfOf: String? = nil) {
        self.personID = personID
        self.role = role
        self.trustID = trustID
        self.departmentID = departmentID
        self.onBehalfOf = onBehalfOf
    }

    /// The people whose hands are on an action: the actor and, for a substitute, the leader stood in for.
    var people: Set<String> { Set([personID] + (onBehalfOf.map { [$0] } ?? [])) }
}

/// The facts about a case that decide who may act on it.
public struct CaseSnapshot: Hashable, Sendable {
    public let state: CaseState
    public let chainVersion: Int
    public let applicantID: String
    public let trustID: String
    public let departmentID: String
    /// The trust whose catchment area the patient lives in (for a group: where the group is treated).
    public let patientTrustID: String
    public let history: [CaseTransition]
    /// The applicant's role in the case's trust and department: a leader's own application goes to their stand-in
    /// or the next leader up (SPEC §5.12).
    public let applicantRole: Role

    public init(
        state: CaseState, chainVersion: Int, applicantID: String, trustID: String, departmentID: String,
        patientTrustID: String, history: [CaseTransition], applicantRole: Role = .physician
    ) {
        self.state = state
        self.chainVersion = chainVersion
        self.applicantID = applicantID
        self.trustID = trustID
        self.departmentID = departmentID
        self.patientTrustID = patientTrustID
        self.history = history
        self.applicantRole = applicantRole
    }

    public var isCrossTrust: Bool { patientTrustID != trustID }

    /// Whether the applicant holds the role that owns `step`: the department step of a department head's own
    /// application, and so on. The case belongs to the applicant's department and trust.
    public func applicantLeads(_ step: ChainStep) -> Bool {
        step.role == applicantRole && (step.scope != .patientTrust || patientTrustID == trustID)
    }

    /// What the steps think of the application as it now stands: the transitions since it was last submitted that
    /// carry an assessment, in order. The medical director decides with these in view (SPEC §5.11).
    public var currentAssessments: [CaseTransition] {
        let lastSubmit = history.lastIndex { $0.action == CaseAction.submit.name } ?? -1
        return history[(lastSubmit + 1)...].filter { $0.assessment != nil }
    }
}

/// One step a case took: who, in which role, from and to which state, with what comment.
public struct CaseTransition: Codable, Hashable, Sendable {
    public let from: CaseState
    public let to: CaseState
    public let action: String
    public let actorID: String
    public let actorRole: Role
    public let actorTrustID: String
    public let onBehalfOf: String?
    public let comment: String?
    public let priority: PriorityAssessment?
    /// Chain v2: what the step thinks, its reasons and, for the committee, the members who took part.
    public let assessment: StepAssessment?

    public init(
        from: CaseState, to: CaseState, action: String, actorID: String, actorRole: Role, actorTrustID: String,
        onBehalfOf: String?, comment: String?, priority: PriorityAssessment?, assessment: StepAssessment? = nil
    ) {
        self.from = from
        self.to = to
        self.action = action
        self.actorID = actorID
        self.actorRole = actorRole
        self.actorTrustID = actorTrustID
        self.onBehalfOf = onBehalfOf
        self.comment = comment
        self.priority = priority
        self.assessment = assessment
    }

    /// Everyone whose hands were on this step (four eyes): the actor, the leader stood in for, and the committee
    /// members who took part in a recommendation.
    public var people: Set<String> {
        Set([actorID] + (onBehalfOf.map { [$0] } ?? []) + (assessment?.members ?? []))
    }
}
