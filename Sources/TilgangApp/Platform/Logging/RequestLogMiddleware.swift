import Vapor

/// Logs each request's method and path at `info`, with every control character escaped.
///
/// Vapor's `RouteLoggingMiddleware` writes the percent-decoded path as it is, so `%0d%0a` in a URL became a new,
/// forged line in the server log («[ NOTICE ] Revisjonsloggen ble slettet …») for anyone, signed in or not. The
/// query string is never logged (it may carry search text).
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger.info("\(request.method) \(Self.escaped(request.url.path))")
        return try await next.respond(to: request)
    }

    /// `path` with control characters, DEL, C1 controls and bidi overrides as `\u{…}`, and capped in length.
    static func escaped(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars.prefix(512) {
            if TextInputGuard.isForbidden(scalar) || scalar.value < 0x20 {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return path.unicodeScalars.count > 512 ? out + "…" : out
    }
}
