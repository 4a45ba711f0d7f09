import Foundation
import SQLKit

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

/// A case row as the read paths use it: a value decoded straight from SQL (`CaseStore`). Fluent models enumerate
/// their properties by reflection for every row, which made reads cost milliseconds (docs/load-benchmark.md).
struct CaseRecord: CaseAccessFacts, Decodable, Sendable {
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

    init(row: any SQLRow) throws {
        func value<T: Decodable>(_ key: CodingKeys, _: T.Type = T.self) throws -> T {
            try row.decode(column: key.rawValue, as: T.self)
        }
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

/// One step of a case's history, decoded straight from SQL.
struct CaseTransitionRecord: Decodable, Sendable {
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
}
