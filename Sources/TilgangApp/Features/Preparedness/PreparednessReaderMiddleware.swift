import Vapor

/// Pages of the register are for the roles that may read it; others get 403.
struct PreparednessReaderMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try PreparednessAccess.requireRead(try request.user)
        return try await next.respond(to: request)
    }
}
