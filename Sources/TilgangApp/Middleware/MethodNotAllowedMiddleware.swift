import Vapor

/// 405 with `Allow` (RFC 9110 §15.5.6) for a path that exists with other methods; Vapor's router answers 404
/// whenever the method and the path do not match together.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .notFound && request.route == nil {
            // No route matched (a handler's own 404, "no such case", has `request.route` set).
            let allowed = Self.methods(answering: request.url.path, in: request.application.routes.all)
            guard !allowed.isEmpty else { throw error }
            let list = allowed.joined(separator: ", ")
            throw Abort(
                .methodNotAllowed, headers: ["Allow": list],
                reason: "\(request.method.rawValue) brukes ikke her. Bruk \(list).")
        }
    }

    /// The methods whose routes match `path`, HEAD with GET (Vapor answers HEAD from the GET route). Only runs for
    /// requests no route answered, so a scan of the routes is cheap enough.
    static func methods(answering path: String, in routes: [Route]) -> [String] {
        let segments = path.split(separator: "/").map(String.init)
        var methods = Set(routes.filter { matches($0.path, segments) }.map(\.method.rawValue))
        if methods.contains(HTTPMethod.GET.rawValue) { methods.insert(HTTPMethod.HEAD.rawValue) }
        return methods.sorted()
    }

    private static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        let pattern = pattern.filter { $0 != .constant("") }
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return segments.count > index
            case .constant(let name): guard index < segments.count, segments[index] == name else { return false }
            case .parameter, .anything: guard index < segments.count else { return false }
            }
        }
        return pattern.count == segments.count
    }
}
