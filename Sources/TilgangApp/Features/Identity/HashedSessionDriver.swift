import Fluent
import Vapor

/// Vapor's session driver over `WebSessionStore`.
struct HashedSessionDriver: AsyncSessionDriver {
    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        try await WebSessionStore(request.db).create(data, now: request.application.clock.now)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        let data = try await WebSessionStore(request.db).read(sessionID, now: request.application.clock.now)
        request.storage[ReadSessionKey.self] = data.map { ReadSession(id: sessionID.string, data: $0) }
        return data
    }

    /// Vapor's middleware calls this after every request that has a session; the row is written only when the
    /// request changed the data. The read already moved `last_seen_at` on (at most once a `touchInterval`): a write
    /// (and a disk sync) on every page view was most of a case page's database time (bench/scale).
    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if let read = request.storage[ReadSessionKey.self], read.id == sessionID.string, read.data == data {
            return sessionID
        }
        try await WebSessionStore(request.db).update(sessionID, to: data, now: request.application.clock.now)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await WebSessionStore(request.db).delete(sessionID)
    }
}

/// The session as read at the start of this request.
private struct ReadSession: Sendable {
    let id: String
    let data: SessionData
}

private struct ReadSessionKey: StorageKey {
    typealias Value = ReadSession
}
