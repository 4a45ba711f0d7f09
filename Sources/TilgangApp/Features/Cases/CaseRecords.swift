import Foundation
import TilgangDomain

/// What access and work-list rules look at on a case (`CaseAccess`).
protocol CaseAccessFacts {
    var applicantID: UUID { get }
    var state: String { get }
    var trustCode: String { get }
    var departmentCode: String { get }
    var patientTrustCode: String { get }
    var chainVersion: Int { get }
}

extension CaseModel: CaseAccessFacts {}

/// A case row as the read paths use it: a value decoded straight from SQL (`CaseStore`), column by column. Fluent
/// models enumerate their properties by reflection for every row, which made reads cost milliseconds, and
/// SQLKit's `Codable` row decoding was still a tenth of a case page (docs/load-benchmark.md): `ResultRow`.
struct CaseRecord: CaseAccessFacts, Sendable {
    let id: UUID
    let caseNumber: String
    let trustCode: String
    let departmentCode: String
    let applicantID: UUID
    let applicantHPR: String
    let kind: String
    let patientNIN: String?
    let patientKey: String?
    let patientTrustCode: String
    let groupDescription: String?
    let groupSize: Int?
    let medicineID: String
    let medicineName: String
    let indication: String
    let dosage: String
    let treatmentDuration: String
    let justification: String
    let alternatives: String
    let expectedBenefit: String
    let costEstimate: String
    let patientInformed: Bool
    let route: String
    let routeRules: String
    let routeExplanation: String
    var state: String
    let chainVersion: Int
    var version: Int
    let retentionYears: Int
    let createdAt: Date?
    var decidedAt: Date?
    /// The transitions in order, read in the same query (`CaseStore.record`).
    var history: [CaseTransitionRecord] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case trustCode = "trust_code"
        case departmentCode = "department_code"
        case applicantID = "applicant_id"
        case applicantHPR = "applicant_hpr"
        case kind
        case patientNIN = "patient_nin"
        case patientKey = "patient_key"
        case patientTrustCode = "patient_trust_code"
        case groupDescription = "group_description"
        case groupSize = "group_size"
        case medicineID = "medicine_id"
        case medicineName = "medicine_name"
        case indication, dosage
        case treatmentDuration = "treatment_duration"
        case justification, alternatives
        case expectedBenefit = "expected_benefit"
        case costEstimate = "cost_estimate"
        case patientInformed = "patient_informed"
        case route
        case routeRules = "route_rules"
        case routeExplanation = "route_explanation"
        case state
        case chainVersion = "chain_version"
        case version
        case retentionYears = "retention_years"
        case createdAt = "created_at"
        case decidedAt = "decided_at"
    }

    init(row: ResultRow) throws {
        func value<T: ColumnValue>(_ key: CodingKeys, _: T.Type = T.self) throws -> T { try row.value(key) }
        id = try value(.id)
        caseNumber = try value(.caseNumber)
        trustCode = try value(.trustCode)
        departmentCode = try value(.departmentCode)
        applicantID = try value(.applicantID)
        applicantHPR = try value(.applicantHPR)
        kind = try value(.kind)
        patientNIN = try value(.patientNIN, String?.self)
        patientKey = try value(.patientKey, String?.self)
        patientTrustCode = try value(.patientTrustCode)
        groupDescription = try value(.groupDescription, String?.self)
        groupSize = try value(.groupSize, Int?.self)
        medicineID = try value(.medicineID)
        medicineName = try value(.medicineName)
        indication = try value(.indication)
        dosage = try value(.dosage)
        treatmentDuration = try value(.treatmentDuration)
        justification = try value(.justification)
        alternatives = try value(.alternatives)
        expectedBenefit = try value(.expectedBenefit)
        costEstimate = try value(.costEstimate)
        patientInformed = try value(.patientInformed)
        route = try value(.route)
        routeRules = try value(.routeRules)
        routeExplanation = try value(.routeExplanation)
        state = try value(.state)
        chainVersion = try value(.chainVersion)
        version = try value(.version)
        retentionYears = try value(.retentionYears)
        createdAt = try value(.createdAt, Date?.self)
        decidedAt = try value(.decidedAt, Date?.self)
    }
}

/// The columns a work list shows and filters on; no patient data. Decoded column by column: a list decodes
/// many rows, and `Codable` row decoding was a quarter of a list's cost.
struct CaseListRow: CaseAccessFacts, Sendable {
    let id: UUID
    let caseNumber: String
    let kind: String
    let medicineName: String
    let indication: String
    let state: String
    let trustCode: String
    let departmentCode: String
    let applicantID: UUID
    let patientTrustCode: String
    let chainVersion: Int
    let version: Int
    let createdAt: Date?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case caseNumber = "case_number"
        case kind
        case medicineName = "medicine_name"
        case indication, state
        case trustCode = "trust_code"
        case departmentCode = "department_code"
        case applicantID = "applicant_id"
        case patientTrustCode = "patient_trust_code"
        case chainVersion = "chain_version"
        case version
        case createdAt = "created_at"
    }

    init(row: ResultRow) throws {
        func value<T: ColumnValue>(_ key: CodingKeys, _: T.Type = T.self) throws -> T { try row.value(key) }
        id = try value(.id)
        caseNumber = try value(.caseNumber)
        kind = try value(.kind)
        medicineName = try value(.medicineName)
        indication = try value(.indication)
        state = try value(.state)
        trustCode = try value(.trustCode)
        departmentCode = try value(.departmentCode)
        applicantID = try value(.applicantID)
        patientTrustCode = try value(.patientTrustCode)
        chainVersion = try value(.chainVersion)
        version = try value(.version)
        createdAt = try value(.createdAt, Date?.self)
    }
}

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
    }

    init(
        fromState: String, toState: String, action: String, actorID: UUID, actorName: String, actorRole: String,
        actorTrust: String, onBehalfOfID: UUID?, onBehalfOfName: String?, comment: String?, benefit: String?,
        resourceUse: String?, severity: String?, at: Date
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
