import Foundation
import TilgangDomain

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
    let applicantName: String?
    let stateChangedAt: Date?
    let patientBirthYear: Int?

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
        case applicantName = "applicant_name"
        case stateChangedAt = "state_changed_at"
        case patientBirthYear = "patient_birth_year"
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
        applicantName = try value(.applicantName, String?.self)
        stateChangedAt = try value(.stateChangedAt, Date?.self)
        patientBirthYear = try value(.patientBirthYear, Int?.self)
    }
}
