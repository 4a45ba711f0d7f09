import Vapor

/// Security headers on every response, errors included: the pages need no script, no frames and nothing from
/// other origins, so the policy allows only the site's own styles and images.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'none'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The policy when forms may also lead to `origin`: HelseID's, because «Logg inn med HelseID» and sign-out
    /// redirect there from a form, and `form-action` governs a form's redirects too.
    static func contentSecurityPolicy(formActionAlso origin: String?) -> String {
        guard let origin else { return contentSecurityPolicy }
        return contentSecurityPolicy.replacingOccurrences(
            of: "form-action 'self'", with: "form-action 'self' \(origin)")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var response = try await next.respond(to: request)
        if Self.hasUnsafeHeader(response.headers) {
            // Last line of defence against header splitting: a CR, LF or other control character in any header
            // value means unvalidated input reached a header; send nothing of it.
            request.logger.error("Refused a response whose header held a control character")
            response = Response(status: .internalServerError, body: .init(string: "Noe gikk galt hos oss."))
        }
        let headers: [(String, String)] = [
            (
                "Content-Security-Policy",
                Self.contentSecurityPolicy(formActionAlso: request.application.helseID?.providerOrigin)
            ), ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        // Pages with patient data must not linger in shared caches.
        if response.headers.first(name: .cacheControl) == nil, !request.url.path.hasPrefix("/css/") {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    static func hasUnsafeHeader(_ headers: HTTPHeaders) -> Bool {
        headers.contains { header in
            header.value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }
        }
    }
}
