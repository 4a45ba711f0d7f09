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

    public init(
        state: CaseState, chainVersion: Int, applicantID: String, trustID: String, departmentID: String,
        patientTrustID: String, history: [CaseTransition]
    ) {
        self.state = state
        self.chainVersion = chainVersion
        self.applicantID = applicantID
        self.trustID = trustID
        self.departmentID = departmentID
        self.patientTrustID = patientTrustID
        self.history = history
    }

    public var isCrossTrust: Bool { patientTrustID != trustID }
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

    public init(
        from: CaseState, to: CaseState, action: String, actorID: String, actorRole: Role, actorTrustID: String,
        onBehalfOf: String?, comment: String?, priority: PriorityAssessment?
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
    }
}
