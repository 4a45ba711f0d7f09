import Fluent
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
