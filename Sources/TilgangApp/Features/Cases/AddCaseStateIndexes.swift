import Fluent
import SQLKit
import Vapor

/// To-do lists ask for the few cases at one step (`state IN (…)`) of an applicant or a trust: with only the indexes
/// above, the database read every case of the trust to find them.
struct AddCaseStateIndexes: CaseIndexMigration {
    static let indexes: [(name: String, columns: [String])] = [
        ("cases_applicant_state", ["applicant_id", "state", "created_at"]),
        ("cases_trust_state", ["trust_code", "state", "created_at"]),
        ("cases_patient_trust_state", ["patient_trust_code", "state", "created_at"]),
    ]
}
