import Vapor

/// Refuses a state-changing form post whose `csrf` field does not match the session's token.
///
/// Vapor streams request bodies and collects them only just before the route handler, after the middleware:
/// reading `request.content` here without collecting first sees only the first TCP chunk, so a real-sized form
/// (a 2,500-character justification) lost its `csrf` field and was refused. The body is collected here, up to
/// `FormLimits.bodyBytes`, before the token is read. A file upload (multipart/form-data, its `csrf` part read from
/// `MultipartFormParts`) names its own limit and refusal.
struct CSRFMiddleware: AsyncMiddleware {
    var maxBody = FormLimits.bodyBytes
    var tooLarge = FormLimits.tooLarge

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method != .GET && request.method != .HEAD {
            try await FormLimits.collectBody(of: request, max: maxBody, refusal: tooLarge)
            // A file upload's token is read from its split parts (`MultipartFormParts`), not Vapor's slow decoder.
            let given =
                MultipartFormParts.of(request)?.text(CSRF.fieldName)
                ?? (try? request.content.get(String.self, at: CSRF.fieldName))
            guard CSRF.isValid(given, for: request) else {
                throw Abort(.forbidden, reason: "Skjemaet er utløpt eller ugyldig. Last siden på nytt og prøv igjen.")
            }
            try TextInputGuard.check(request)
        }
        return try await next.respond(to: request)
    }
}
