import Vapor

/// 405 with `Allow` (RFC 9110 §15.5.6) for a path that exists with other methods; Vapor's router answers 404
/// whenever the method and the path do not match together.
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .notFound {
            // Also after a handler's 404: `GET /sites/import` reaches `GET /sites/:id`, but the path names the
            // import, which only takes POST (OpenAPI, too, matches a concrete path before a templated one).
            let allowed = Self.methods(answering: request.url.path, in: request.application.routes.all)
            let method = request.method == .HEAD ? HTTPMethod.GET.rawValue : request.method.rawValue
            guard !allowed.isEmpty, !allowed.contains(method) else { throw error }
            let list = allowed.joined(separator: ", ")
            throw Abort(
                .methodNotAllowed, headers: ["Allow": list],
                reason: "\(request.method.rawValue) brukes ikke her. Bruk \(list).")
        }
    }

    /// The methods of the most specific routes matching `path` (a constant segment before a parameter), HEAD with
    /// GET (Vapor answers HEAD from the GET route). Runs only after a 404, so a scan of the routes is cheap enough.
    static func methods(answering path: String, in routes: [Route]) -> [String] {
        let segments = path.split(separator: "/").map(String.init)
        var best: [Int] = []
        var methods: Set<String> = []
        for route in routes {
            let pattern = route.path.filter { $0 != .constant("") }
            guard let rank = rank(of: pattern, matching: segments) else { continue }
            if rank.lexicographicallyPrecedes(best) { continue }
            if rank != best { (best, methods) = (rank, []) }
            methods.insert(route.method.rawValue)
        }
        if methods.contains(HTTPMethod.GET.rawValue) { methods.insert(HTTPMethod.HEAD.rawValue) }
        return methods.sorted()
    }

    /// Nil when `pattern` does not match; otherwise how specific each segment's match is (higher is more).
    private static func rank(of pattern: [PathComponent], matching segments: [String]) -> [Int]? {
        var rank: [Int] = []
        for (index, component) in pattern.enumerated() {
            if case .catchall = component { return segments.count > index ? rank + [0] : nil }
            guard index < segments.count else { return nil }
            switch component {
            case .constant(let name) where name == segments[index]: rank.append(3)
            case .constant: return nil
            case .parameter: rank.append(2)
            default: rank.append(1)
            }
        }
        return pattern.count == segments.count ? rank : nil
    }
}
