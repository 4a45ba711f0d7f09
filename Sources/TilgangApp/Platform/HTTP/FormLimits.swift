import Vapor

/// How much a page form or an API body may carry.
///
/// A free-text field holds up to `freeTextCharacters` characters (what clinicians write in a justification;
/// issue 10). Percent-encoded, a character of æøå takes six bytes, and a form has several such fields, so the
/// body limit leaves room for that; a larger body is refused with 413 and a Norwegian reason.
enum FormLimits {
    static let freeTextCharacters = 20_000
    static let bodyBytes = 2 * 1024 * 1024

    /// Collects a streamed body up to `max` bytes so that `request.content` sees all of it; a larger one is refused
    /// with `refusal`.
    static func collectBody(of request: Request, max: Int = bodyBytes, refusal: Abort = tooLarge) async throws {
        guard request.body.data == nil else { return }
        do {
            _ = try await request.body.collect(max: max).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            throw refusal
        }
    }

    static var tooLarge: Abort {
        Abort(
            .payloadTooLarge,
            reason: "Skjemaet er for stort (mer enn \(bodyBytes / 1024 / 1024) MB). Kort ned teksten og send igjen.")
    }
}
