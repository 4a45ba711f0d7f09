import Fluent
import Foundation
import SQLKit
import TilgangDomain

/// Chain v2 and the working day (issue 17): every step's assessment on its transition (kind, reasons, the
/// committee's members), the amendments an applicant makes to a returned application, the refused case a new
/// application revises, and what the work lists show without a join: the applicant's name as it was when they
/// applied, when the case last changed state, and the patient's birth year (never the identity number).
struct AddStepAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for field in ["assessment_kind", "assessment", "members", "member_names", "amendments"] {
            try await database.schema(CaseTransitionModel.schema).field(.string(field), .string).update()
        }
        let caseColumns: [(String, DatabaseSchema.DataType)] = [
            ("revises_case_id", .uuid), ("applicant_name", .string), ("state_changed_at", .datetime),
            ("patient_birth_year", .int),
        ]
        for (field, type) in caseColumns {
            try await database.schema(CaseModel.schema).field(.string(field), type).update()
        }
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            UPDATE cases SET applicant_name = (SELECT display_name FROM users WHERE users.id = cases.applicant_id),
            state_changed_at = COALESCE(
                (SELECT MAX(t."at") FROM case_transitions t WHERE t.case_id = cases.id), cases.created_at)
            """
        ).run()
        // The birth year is read from the identity number in Swift (the century rule is the domain's).
        for row in try await sql.raw("SELECT id, patient_nin FROM cases WHERE patient_nin IS NOT NULL").all() {
            let id = try row.decode(column: "id", as: UUID.self)
            let digits = try row.decode(column: "patient_nin", as: String.self)
            guard let year = NationalIdentityNumber(digits)?.birthDate?.year else { continue }
            try await sql.update(CaseModel.schema).set("patient_birth_year", to: year).where("id", .equal, id).run()
        }
    }

    func revert(on database: any Database) async throws {
        for field in ["assessment_kind", "assessment", "members", "member_names", "amendments"] {
            try await database.schema(CaseTransitionModel.schema).deleteField(.string(field)).update()
        }
        for field in ["revises_case_id", "applicant_name", "state_changed_at", "patient_birth_year"] {
            try await database.schema(CaseModel.schema).deleteField(.string(field)).update()
        }
    }
}
