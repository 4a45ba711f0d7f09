import Fluent

/// Lookups that read every row of a ten-year table without an index (bench/scale: 200,000 cases, 20 million
/// audit rows): the case page's revisions of a case, a patient's cases (the launch from the EHR, earlier
/// applications), a case's attachments, and the access log of a patient. Each was a full scan per request.
struct AddLookupIndexes: AsyncMigration {
    static let indexes: [SQLIndexes.Index] = [
        (CaseModel.schema, "cases_revises", ["revises_case_id"]),
        (CaseModel.schema, "cases_patient", ["patient_key", "created_at"]),
        (AttachmentModel.schema, "case_attachments_case", ["case_id", "created_at"]),
        (AuditEntryModel.schema, "audit_log_patient", ["patient_key", "sequence"]),
    ]

    func prepare(on database: any Database) async throws { try await SQLIndexes.create(Self.indexes, on: database) }

    func revert(on database: any Database) async throws { try await SQLIndexes.drop(Self.indexes, on: database) }
}
