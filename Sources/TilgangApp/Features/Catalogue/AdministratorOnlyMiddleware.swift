import TilgangDomain
import Vapor

/// Pages only administrators see.
struct AdministratorOnlyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try request.user.role == .administrator else {
            throw Abort(.forbidden, reason: "Bare systemadministratorer kan importere FEST.")
        }
        return try await next.respond(to: request)
    }
}
