import Fluent
import Foundation

/// The columns the desk's lists show, filter on and check access with; no patient data. Read from the query's
/// output column by column: making `ExemptionModel`s (Fluent fills its forty properties through reflection) was
/// half of a list page's cost (bench/scale).
struct ExemptionListRow: Sendable {
    let id: UUID
    let reference: String
    let kind: String
    let state: String
    let submittedByID: UUID
    let submittedByOrganisation: String
    let prescriberName: String
    let applicantKind: String
    let medicineName: String
    let validFrom: String
    let validUntil: String
    let createdAt: Date?

    init(_ model: ExemptionModel) {
        id = model.id ?? UUID()
        reference = model.reference
        kind = model.kind
        state = model.state
        submittedByID = model.submittedByID
        submittedByOrganisation = model.submittedByOrganisation
        prescriberName = model.prescriberName
        applicantKind = model.applicantKind
        medicineName = model.medicineName
        validFrom = model.validFrom
        validUntil = model.validUntil
        createdAt = model.createdAt
    }

    init(_ output: any DatabaseOutput) throws {
        let row = output.schema(ExemptionModel.schema)
        id = try row.decode("id", as: UUID.self)
        reference = try row.decode("reference", as: String.self)
        kind = try row.decode("kind", as: String.self)
        state = try row.decode("state", as: String.self)
        submittedByID = try row.decode("submitted_by_id", as: UUID.self)
        submittedByOrganisation = try row.decode("submitted_by_organisation", as: String.self)
        prescriberName = try row.decode("prescriber_name", as: String.self)
        applicantKind = try row.decode("applicant_kind", as: String.self)
        medicineName = try row.decode("medicine_name", as: String.self)
        validFrom = try row.decode("valid_from", as: String.self)
        validUntil = try row.decode("valid_until", as: String.self)
        createdAt = try row.decode("created_at", as: Date?.self)
    }

    /// Selects just these columns.
    static func select(_ query: QueryBuilder<ExemptionModel>) -> QueryBuilder<ExemptionModel> {
        query.field(\.$id).field(\.$reference).field(\.$kind).field(\.$state).field(\.$submittedByID)
            .field(\.$submittedByOrganisation).field(\.$prescriberName).field(\.$applicantKind)
            .field(\.$medicineName).field(\.$validFrom).field(\.$validUntil).field(\.$createdAt)
    }

    /// The rows of `query`, read without making models.
    static func all(_ query: QueryBuilder<ExemptionModel>) async throws -> [ExemptionListRow] {
        let rows = RowCollector()
        try await select(query).run { output in rows.add(Result { try ExemptionListRow(output) }) }
        return try rows.collected()
    }

    /// Collects the rows `run` hands over on the database's thread.
    private final class RowCollector: @unchecked Sendable {
        private let lock = NSLock()
        private var rows: [Result<ExemptionListRow, any Error>] = []

        func add(_ row: Result<ExemptionListRow, any Error>) { lock.withLock { rows.append(row) } }
        func collected() throws -> [ExemptionListRow] { try lock.withLock { try rows.map { try $0.get() } } }
    }
}
