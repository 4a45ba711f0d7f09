import Vapor

/// A one-time notice carried to the next page in the session («Endringene er lagret.»).
///
/// It replaced `?melding=<text>`, which showed any text anyone put in a link as a system notice (content
/// spoofing). Only the server writes a flash, and a page shows it once.
enum Flash {
    static let sessionKey = "flash"

    /// Redirects to `path` with `message` shown once on the page there.
    static func redirect(_ request: Request, to path: String, _ message: String) -> Response {
        request.session.data[sessionKey] = message
        return request.redirect(to: path)
    }

    /// The notice left for this page, removed so a reload does not show it again.
    static func take(_ request: Request) -> String? {
        guard request.hasSession, let message = request.session.data[sessionKey] else { return nil }
        request.session.data[sessionKey] = nil
        return message
    }
}
