import Foundation
import Vapor

/// An attachment as the API lists it; the bytes come from its own URL.
struct AttachmentDTO: Content, Equatable {
    let id: UUID
    let kind: String
    let fileName: String
    let contentType: String
    let size: Int
    let sha256: String
    let uploadedBy: String
    let uploadedByRole: String
    /// The case's state when the file was added.
    let caseState: String
    let uploadedAt: Date

    init(_ model: AttachmentModel) throws {
        id = try model.requireID()
        kind = model.kind
        fileName = model.fileName
        contentType = model.contentType
        size = model.size
        sha256 = model.sha256
        uploadedBy = model.uploadedByName
        uploadedByRole = model.uploadedByRole
        caseState = model.caseState
        uploadedAt = model.createdAt
    }
}
