import TilgangDomain
import Vapor

/// The case page's attachments: the upload form's post (multipart, with the CSRF token as a field) and the
/// download link. The section itself is rendered with the case page (`cases/attachments.leaf`).
struct AttachmentPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) })
        // The upload's own body limit: a file of up to 20 MB; a larger body is refused naming the field.
        let uploads = signedIn.grouped(
            CSRFMiddleware(
                maxBody: AttachmentLimits.maxBodyBytes,
                tooLarge: Abort(
                    .payloadTooLarge,
                    reason: "Vedlegg: filen er for stor (høyst \(AttachmentLimits.maxFileBytes >> 20) MB). "
                        + "Gå tilbake, velg en mindre fil og send igjen.")))
        uploads.on(
            .POST, SiteURL.cases, ":id", SiteURL.attachments,
            body: .collect(maxSize: ByteCount(value: AttachmentLimits.maxBodyBytes)), use: upload)
        signedIn.get(SiteURL.cases, ":id", SiteURL.attachments, ":attachmentID", use: download)
    }

    @Sendable
    func upload(req: Request) async throws -> Response {
        let user = try req.user
        let id = try CaseAPIController.caseID(req)
        var form = AttachmentFormState()
        do {
            guard let type = req.headers.contentType, type.subType == "form-data",
                let boundary = type.parameters["boundary"], let body = req.body.data
            else { throw ValidationFailure(field: "attachment", message: "velg en fil og send skjemaet på nytt") }
            let parts = try MultipartFormParts(body, boundary: boundary)
            form.kind = parts.text("attachmentKind") ?? form.kind
            guard let file = parts.file("attachment"), file.body.readableBytes > 0 || !(file.fileName ?? "").isEmpty
            else { throw ValidationFailure(field: "attachment", message: "velg en fil") }
            _ = try await req.attachments.add(
                AttachmentUpload(
                    fileName: file.fileName ?? "", declaredType: file.contentType, kind: form.kind, bytes: file.body),
                to: id, by: user)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.cases, id: id.uuidString) + "#attachments", "Vedlegget er lagt til.")
        } catch let failure as ValidationFailure {
            form.error = failure.errors.map { "\(FieldLabels.label($0.field)): \($0.message)" }
                .joined(separator: " ")
            return try await CasePageController().renderCase(req, id: id, message: nil, attachmentForm: form)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch let error as AttachmentError {
            form.error = error.reason
            return try await CasePageController().renderCase(req, id: id, message: nil, attachmentForm: form)
                .encodeResponse(status: error.status, for: req)
        }
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
