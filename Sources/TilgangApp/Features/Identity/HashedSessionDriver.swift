import Fluent
import Vapor

/// Vapor's session driver over `WebSessionStore`.
struct HashedSessionDriver: AsyncSessionDriver {
    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        try await WebSessionStore(request.db).create(data, now: request.application.clock.now)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        try await WebSessionStore(request.db).read(sessionID, now: request.application.clock.now)
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        try await WebSessionStore(request.db).update(sessionID, to: data, now: request.application.clock.now)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await WebSessionStore(request.db).delete(sessionID)
    }
}
