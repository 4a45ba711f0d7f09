import Foundation
import TilgangDomain

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
    let revisesCaseID: UUID?
    let applicantName: String?
    var stateChangedAt: Date?
    let patientBirthYear: Int?
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
        case revisesCaseID = "revises_case_id"
        case applicantName = "applicant_name"
        case stateChangedAt = "state_changed_at"
        case patientBirthYear = "patient_birth_year"
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
        revisesCaseID = try value(.revisesCaseID, UUID?.self)
        applicantName = try value(.applicantName, String?.self)
        stateChangedAt = try value(.stateChangedAt, Date?.self)
        patientBirthYear = try value(.patientBirthYear, Int?.self)
    }
}
