import TilgangDomain
import Vapor

/// Attachments over the API (bearer token). An upload is the file itself as the body
/// (its type in `Content-Type`, `fileName` and `kind` in the query) or a multipart form with the fields of the
/// case page (`attachment`, `attachmentKind`).
struct AttachmentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("cases").grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
        cases.on(.POST, ":id", "attachments", body: .stream, use: upload)
        cases.get(":id", "attachments", use: list)
        cases.get(":id", "attachments", ":attachmentID", use: download)
    }

    @Sendable
    func upload(req: Request) async throws -> Response {
        let user = try req.user
        let id = try CaseAPIController.caseID(req)
        let tooLarge = Abort(
            .payloadTooLarge,
            reason: "Vedlegg (attachment): filen er for stor (høyst \(AttachmentLimits.maxFileBytes >> 20) MB).")
        try await FormLimits.collectBody(of: req, max: AttachmentLimits.maxBodyBytes, refusal: tooLarge)
        // A body handed over whole (not streamed) has not met the limit yet.
        let body = req.body.data ?? ByteBuffer()
        guard body.readableBytes <= AttachmentLimits.maxBodyBytes else { throw tooLarge }
        let upload: AttachmentUpload
        if let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
            let boundary = type.parameters["boundary"]
        {
            let parts = try MultipartFormParts(body, boundary: boundary)
            guard let file = parts.file("attachment") else {
                throw ValidationFailure(field: "attachment", message: "mangler (en fil i feltet «attachment»)")
            }
            upload = AttachmentUpload(
                fileName: file.fileName ?? "", declaredType: file.contentType,
                kind: parts.text("attachmentKind") ?? AttachmentKind.other.rawValue, bytes: file.body)
        } else {
            guard let fileName = req.query[String.self, at: "fileName"], !fileName.isEmpty else {
                throw ValidationFailure(field: "fileName", message: "mangler (filens navn i spørringen)")
            }
            upload = AttachmentUpload(
                fileName: fileName, declaredType: req.headers.first(name: .contentType) ?? "",
                kind: req.query[String.self, at: "kind"] ?? AttachmentKind.other.rawValue, bytes: body)
        }
        let created = try await req.attachments.add(upload, to: id, by: user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func list(req: Request) async throws -> [AttachmentDTO] {
        try await req.attachments.list(try CaseAPIController.caseID(req), for: try req.user, audited: true)
    }

    @Sendable
    func download(req: Request) async throws -> Response {
        guard let attachmentID = req.parameters.get("attachmentID", as: UUID.self) else {
            throw AttachmentError.notFound
        }
        let model = try await req.attachments.download(
            attachmentID, of: try CaseAPIController.caseID(req), by: try req.user)
        return AttachmentResponse.make(model)
    }

}
