import Vapor

/// `TextInputGuard` for the API: collects a JSON body of ordinary size first (imports, which are larger, carry
/// their own validation and are left to their routes).
struct TextInputGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let length = request.headers.first(name: .contentLength).flatMap(Int.init)
        if ![.GET, .HEAD, .OPTIONS].contains(request.method), request.headers.contentType == .json,
            length.map({ $0 <= FormLimits.bodyBytes }) ?? true
        {
            try await FormLimits.collectBody(of: request)
            try TextInputGuard.check(request)
        }
        return try await next.respond(to: request)
    }
}
