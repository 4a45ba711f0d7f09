import Fluent
import SQLKit
import Vapor

/// Work lists filter cases by applicant or trust and read them newest first, a page at a time: without these the
/// database sorted the whole table for every list (docs/load-benchmark.md, "read mix after writes").
struct AddCaseListIndexes: CaseIndexMigration {
    static let indexes: [(name: String, columns: [String])] = [
        ("cases_newest", ["created_at", "case_number"]),
        ("cases_applicant", ["applicant_id", "created_at"]),
        ("cases_trust", ["trust_code", "created_at"]),
        ("cases_patient_trust", ["patient_trust_code", "created_at"]),
    ]
}
