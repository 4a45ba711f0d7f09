import Vapor

/// Lets a request through only with `Authorization: Bearer <TILGANG_ADMIN_TOKEN>`.
///
/// A stop-gap for administrator endpoints until user accounts exist: without the variable set,
/// administrator endpoints are closed rather than open.
struct AdminTokenMiddleware: AsyncMiddleware {
    let token: String?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token, !token.isEmpty else {
            throw Abort(
                .forbidden, reason: "Administratortilgang er ikke satt opp på denne serveren (TILGANG_ADMIN_TOKEN).")
        }
        guard let given = request.headers.bearerAuthorization?.token else {
            throw Abort(.unauthorized, reason: "Krever administrator: send Authorization: Bearer <token>.")
        }
        // Compare digests so the comparison takes the same time whatever the token.
        guard SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(token.utf8)) else {
            throw Abort(.forbidden, reason: "Ugyldig administratortoken.")
        }
        return try await next.respond(to: request)
    }
}
