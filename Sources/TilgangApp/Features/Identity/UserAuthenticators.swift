import Fluent
import TilgangDomain
import Vapor

/// Restores the user of a browser session.
struct SessionUserAuthenticator: AsyncSessionAuthenticator {
    typealias User = AuthenticatedUser

    func authenticate(sessionID: String, for request: Request) async throws {
        guard let id = UUID(uuidString: sessionID),
            let user = try await request.application.identityCache.user(id: id, on: request.db)
        else {
            return
        }
        request.auth.login(user)
    }
}

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

/// SHA-256 hex digest of a secret token.
enum TokenDigest {
    static func of(_ token: String) -> String {
        TextFormat.hex(SHA256.hash(data: Data(token.utf8)))
    }
}
