import Fluent
import SQLKit
import Vapor

/// Ends a person's browser sessions and API tokens: after a password reset, a deactivation, or when they ask
/// («Logg ut overalt» on «Min side»). Runs inside the caller's transaction so it commits with the change.
enum CredentialRevocation {
    struct Revoked: Equatable {
        let sessions: Int
        let tokens: Int
    }

    @discardableResult
    static func revokeAll(of userID: UUID, on database: any Database) async throws -> Revoked {
        let sessions = try await WebSessionStore(database).deleteAll(of: userID)
        let tokens = try await UserTokenModel.query(on: database).filter(\.$user.$id == userID).count()
        try await UserTokenModel.query(on: database).filter(\.$user.$id == userID).delete()
        return Revoked(sessions: sessions, tokens: tokens)
    }
}
