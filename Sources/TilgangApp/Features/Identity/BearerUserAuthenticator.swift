import Fluent
import Vapor

/// Authenticates API calls with `Authorization: Bearer <token>`; tokens are looked up by their digest. Reads take
/// the holder from `IdentityCache` (at most five seconds old); writes read it fresh, so a deactivation or a password
/// reset committed through any server stops the account's writes on every server at once.
struct BearerUserAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = TokenDigest.of(bearer.token)
        let identity = request.application.identityCache
        let user =
            Self.isRead(request.method)
            ? try await identity.user(tokenDigest: digest, on: request.db, now: request.clock.now)
            : try await identity.freshUser(tokenDigest: digest, on: request.db, now: request.clock.now)
        guard let user else { return }
        request.auth.login(user)
    }

    static func isRead(_ method: HTTPMethod) -> Bool {
        method == .GET || method == .HEAD
    }
}
