import Fluent
import Foundation

/// A file added to an application (literature, consent, lab results). The bytes live in the database with the
/// case, so backups, restores and retention cover them like every other part of the case.
final class AttachmentModel: Model, @unchecked Sendable {
    static let schema = "case_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    /// `literature`, `consent`, `lab_results` or `other` (`AttachmentKind`).
    @Field(key: "kind") var kind: String
    /// The sender's file name, sanitised (`AttachmentFileName`). May name the patient: never logged.
    @Field(key: "file_name") var fileName: String
    /// What the bytes are (`AttachmentFormat`), decided from the bytes and the declared type.
    @Field(key: "format") var format: String
    /// The type the file is served with.
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    /// SHA-256 of the bytes, hex: the archive package's `sjekksum`, and a check that nothing changed them.
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by_id") var uploadedByID: UUID
    @Field(key: "uploaded_by_name") var uploadedByName: String
    @Field(key: "uploaded_by_role") var uploadedByRole: String
    /// The case's state when the file was added: with the applicant, or at which step of the chain.
    @Field(key: "case_state") var caseState: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
