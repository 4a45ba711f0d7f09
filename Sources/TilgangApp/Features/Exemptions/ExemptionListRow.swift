import Foundation
import TilgangPersistence

/// The columns the desk's lists show, filter on and check access with; no patient data. Read from the query's
/// rows column by column: making `ExemptionModel`s (Fluent fills its forty properties through reflection) was
/// half of a list page's cost (bench/scale). A class: merging and sorting copied the dozen strings of each row.
final class ExemptionListRow: Sendable {
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

    /// The columns, named as the table names them.
    static let columns =
        "id, reference, kind, state, submitted_by_id, submitted_by_organisation, prescriber_name, applicant_kind, "
        + "medicine_name, valid_from, valid_until, created_at"

    /// A row of `SELECT \(columns)`, decoded column by column (no Fluent model, no reflection).
    init(row: ResultRow) throws {
        id = try row.value("id")
        reference = try row.value("reference")
        kind = try row.value("kind")
        state = try row.value("state")
        submittedByID = try row.value("submitted_by_id")
        submittedByOrganisation = try row.value("submitted_by_organisation")
        prescriberName = try row.value("prescriber_name")
        applicantKind = try row.value("applicant_kind")
        medicineName = try row.value("medicine_name")
        validFrom = try row.value("valid_from")
        validUntil = try row.value("valid_until")
        createdAt = try row.value("created_at")
    }
}
