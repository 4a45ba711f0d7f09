import Fluent
import Vapor

/// Authenticates API calls with `Authorization: Bearer <token>`; tokens are looked up by their digest.
struct BearerUserAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.of(bearer.token)
        guard
            let user = try await request.application.identityCache.user(
                tokenDigest: digest, on: request.db, now: request.clock.now)
        else {
            return
        }
        request.auth.login(user)
    }
}
