import Fluent
import SQLKit
import Vapor

/// A migration that only adds indexes on `cases`, named with their columns.
protocol CaseIndexMigration: AsyncMigration {
    static var indexes: [(name: String, columns: [String])] { get }
}

extension CaseIndexMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(CaseModel.schema)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}

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

/// To-do lists ask for the few cases at one step (`state IN (…)`) of an applicant or a trust: with only the indexes
/// above, the database read every case of the trust to find them.
struct AddCaseStateIndexes: CaseIndexMigration {
    static let indexes: [(name: String, columns: [String])] = [
        ("cases_applicant_state", ["applicant_id", "state", "created_at"]),
        ("cases_trust_state", ["trust_code", "state", "created_at"]),
        ("cases_patient_trust_state", ["patient_trust_code", "state", "created_at"]),
    ]
}
