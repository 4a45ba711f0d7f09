import TilgangDomain
import Vapor

/// Renders errors as JSON for `/api` and the CLI's callers, and as an HTML page for browser routes.
/// Validation failures become 422 with one entry per invalid field; a body or query that does not decode, 400
/// naming the field.
struct TilgangErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, body) = Self.describe(error)
            if status == .internalServerError || status == .serviceUnavailable {
                // Log the type only: messages of database errors may quote submitted values.
                request.logger.error("Request failed: \(String(reflecting: type(of: error)))")
            }
            var headers = (error as? any AbortError)?.headers ?? [:]
            if status == .serviceUnavailable {
                headers.replaceOrAdd(name: "Retry-After", value: String(DatabaseUnavailable.retryAfterSeconds))
            }
            if Self.wantsJSON(request) {
                let response = Response(status: status, headers: headers)
                try response.content.encode(body, as: .json)
                return response
            }
            // A person reads the page: fields by the labels the forms show them.
            let fields = (body.fields ?? []).map {
                FieldError(field: FieldLabels.label($0.field), message: $0.message)
            }
            let reason =
                fields.isEmpty
                ? body.reason
                : (status == .badRequest ? "Kunne ikke lese skjemaet." : "Noen felt må rettes.")
                    + " Gå tilbake med nettleserens tilbakeknapp; det du skrev, står der fortsatt."
            let view = try await request.view.render(
                "error", ErrorPageContext(status: Int(status.code), reason: reason, fields: fields))
            let response = try await view.encodeResponse(status: status, for: request)
            for (name, value) in headers where name.lowercased() != "content-type" {
                response.headers.replaceOrAdd(name: name, value: value)
            }
            return response
        }
    }

    /// The API always; elsewhere only a caller asking for JSON and not for HTML (a browser's `*/*` matches JSON
    /// in Vapor's media-type comparison, so HTML wins when both are accepted).
    static func wantsJSON(_ request: Request) -> Bool {
        if request.url.path.hasPrefix("/api") { return true }
        let accepted = request.headers.accept.map(\.mediaType)
        return accepted.contains { $0.type == "application" && $0.subType == "json" }
            && !accepted.contains { $0.type == "text" && $0.subType == "html" }
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, ErrorResponse) {
        switch error {
        case let failure as ValidationFailure:
            return (.unprocessableEntity, ErrorResponse(reason: "Ugyldige felt: \(failure)", fields: failure.errors))
        case let decoding as DecodingError:
            // Before `AbortError`, which Vapor gives `DecodingError` with an English reason.
            let field = decoding.fieldError
            return (.badRequest, ErrorResponse(reason: "Kunne ikke lese innholdet: \(field)", fields: [field]))
        case let abort as any AbortError:
            return (abort.status, ErrorResponse(reason: NorwegianReasons.reason(abort)))
        case let busy as SerializedWrites.Busy:
            return (.serviceUnavailable, ErrorResponse(reason: busy.description))
        case let error where DatabaseUnavailable.matches(error):
            return (.serviceUnavailable, ErrorResponse(reason: "Databasen svarer ikke akkurat nå. Prøv igjen om litt."))
        default:
            return (.internalServerError, ErrorResponse(reason: "Noe gikk galt hos oss. Prøv igjen senere."))
        }
    }
}
