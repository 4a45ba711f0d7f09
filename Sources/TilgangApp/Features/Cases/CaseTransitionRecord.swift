import Foundation
import TilgangDomain

/// One step of a case's history, decoded straight from SQL, column by column.
struct CaseTransitionRecord: Sendable {
    let fromState: String
    let toState: String
    let action: String
    let actorID: UUID
    let actorName: String
    let actorRole: String
    let actorTrust: String
    let onBehalfOfID: UUID?
    let onBehalfOfName: String?
    let comment: String?
    let benefit: String?
    let resourceUse: String?
    let severity: String?
    let at: Date
    /// Chain v2: the step's conclusion (`StepAssessment.Kind`), its reasons, and the committee members who took
    /// part (ids comma-separated; their names as they were, «; »-separated).
    var assessmentKind: String? = nil
    var assessment: String? = nil
    var members: String? = nil
    var memberNames: String? = nil
    /// An applicant's changes to a returned application (`CaseAmendment`, JSON).
    var amendments: String? = nil

    enum CodingKeys: String, CodingKey, CaseIterable {
        case fromState = "from_state"
        case toState = "to_state"
        case action
        case actorID = "actor_id"
        case actorName = "actor_name"
        case actorRole = "actor_role"
        case actorTrust = "actor_trust"
        case onBehalfOfID = "on_behalf_of_id"
        case onBehalfOfName = "on_behalf_of_name"
        case comment, benefit
        case resourceUse = "resource_use"
        case severity, at
        case assessmentKind = "assessment_kind"
        case assessment, members
        case memberNames = "member_names"
        case amendments
    }

    init(
        fromState: String, toState: String, action: String, actorID: UUID, actorName: String, actorRole: String,
        actorTrust: String, onBehalfOfID: UUID?, onBehalfOfName: String?, comment: String?, benefit: String?,
        resourceUse: String?, severity: String?, at: Date, assessmentKind: String? = nil, assessment: String? = nil,
        members: String? = nil, memberNames: String? = nil, amendments: String? = nil
    ) {
        self.fromState = fromState
        self.toState = toState
        self.action = action
        self.actorID = actorID
        self.actorName = actorName
        self.actorRole = actorRole
        self.actorTrust = actorTrust
        self.onBehalfOfID = onBehalfOfID
        self.onBehalfOfName = onBehalfOfName
        self.comment = comment
        self.benefit = benefit
        self.resourceUse = resourceUse
        self.severity = severity
        self.at = at
        self.assessmentKind = assessmentKind
        self.assessment = assessment
        self.members = members
        self.memberNames = memberNames
        self.amendments = amendments
    }

    init(row: ResultRow) throws {
        func value<T: ColumnValue>(_ key: CodingKeys, _: T.Type = T.self) throws -> T { try row.value(key) }
        self.init(
            fromState: try value(.fromState), toState: try value(.toState), action: try value(.action),
            actorID: try value(.actorID), actorName: try value(.actorName), actorRole: try value(.actorRole),
            actorTrust: try value(.actorTrust), onBehalfOfID: try value(.onBehalfOfID, UUID?.self),
            onBehalfOfName: try value(.onBehalfOfName, String?.self), comment: try value(.comment, String?.self),
            benefit: try value(.benefit, String?.self), resourceUse: try value(.resourceUse, String?.self),
            severity: try value(.severity, String?.self), at: try value(.at))
        assessmentKind = try value(.assessmentKind, String?.self)
        assessment = try value(.assessment, String?.self)
        members = try value(.members, String?.self)
        memberNames = try value(.memberNames, String?.self)
        amendments = try value(.amendments, String?.self)
    }
}

extension CaseTransitionRecord {
    /// What the audit chain vouches for about this step (DecisionSeal).
    func seal(caseID: UUID, position: Int) -> DecisionSeal {
        DecisionSeal(
            caseID: caseID.uuidString, position: position, fromState: fromState, toState: toState, action: action,
            actorID: actorID.uuidString, onBehalfOfID: onBehalfOfID?.uuidString)
    }
}
