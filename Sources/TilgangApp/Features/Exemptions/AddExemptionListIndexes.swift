import Fluent

/// The desk's lists read a page newest first, or the few open cases, of ten years of exemptions (2.6 million
/// rows at national volume; bench/scale): without these the database read and sorted every row for each page.
/// The pharmacy's list is its own notifications (`submitted_by_organisation`), an applicant's their own.
struct AddExemptionListIndexes: AsyncMigration {
    static let indexes: [(name: String, columns: [String])] = [
        ("exemptions_newest", ["created_at"]),
        ("exemptions_state", ["state", "created_at"]),
        ("exemptions_submitter", ["submitted_by_id", "created_at"]),
        ("exemptions_organisation_kind", ["submitted_by_organisation", "kind", "created_at"]),
    ]

    func prepare(on database: any Database) async throws {
        try await SQLIndexes.create(Self.indexes.map { (ExemptionModel.schema, $0.name, $0.columns) }, on: database)
    }

    func revert(on database: any Database) async throws {
        try await SQLIndexes.drop(Self.indexes.map { (ExemptionModel.schema, $0.name, $0.columns) }, on: database)
    }
}
