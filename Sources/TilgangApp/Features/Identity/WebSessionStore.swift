import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// Where browser sessions live: only the SHA-256 digest of a session id is stored, so a database backup or a
/// read of the table gives no session that can be used. A session ends on the server after `idleLimit` without a
/// request or `absoluteLimit` after it began, whatever the cookie says; revoking a user's sessions deletes them.
struct WebSessionStore: Sendable {
    static let table = "web_sessions"
    /// Normen's usual expectations for clinical systems: a short idle limit, and a working day at most.
    static let idleLimit: TimeInterval = 30 * 60
    static let absoluteLimit: TimeInterval = 10 * 60 * 60
    /// A read refreshes `last_seen_at` only when it is older than this, so not every request writes.
    static let touchInterval: TimeInterval = 60
    /// The key under which Vapor's session authenticator keeps the user's id.
    static let userKey = "_AuthenticatedUserSession"

    let sql: any SQLDatabase

    init(_ database: any Database) throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        self.sql = sql
    }

    static func digest(_ id: String) -> String { TokenDigest.of(id) }

    func create(_ data: SessionData, now: Date) async throws -> SessionID {
        let id = [UInt8].random(count: 32).base64URLEncoded
        let time = now.timeIntervalSince1970
        try await sql.raw(
            """
            INSERT INTO web_sessions (id_digest, data, user_id, created_at, last_seen_at)
            VALUES (\(bind: Self.digest(id)), \(bind: try Self.encode(data)), \(bind: Self.userID(data)), \
            \(bind: time), \(bind: time))
            """
        ).run()
        return SessionID(string: id)
    }

    func read(_ id: SessionID, now: Date) async throws -> SessionData? {
        let digest = Self.digest(id.string)
        let query: SQLQueryString = """
            SELECT data, created_at, last_seen_at FROM web_sessions WHERE id_digest = \(bind: digest)
            """
        guard let row = try await sql.raw(query).first() else { return nil }
        let time = now.timeIntervalSince1970
        let created = try row.decode(column: "created_at", as: Double.self)
        let seen = try row.decode(column: "last_seen_at", as: Double.self)
        guard time - created < Self.absoluteLimit, time - seen < Self.idleLimit else {
            try await delete(id)
            return nil
        }
        if time - seen >= Self.touchInterval {
            try await sql.raw(
                "UPDATE web_sessions SET last_seen_at = \(bind: time) WHERE id_digest = \(bind: digest)"
            ).run()
        }
        return try Self.decode(try row.decode(column: "data", as: String.self))
    }

    func update(_ id: SessionID, to data: SessionData, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE web_sessions SET data = \(bind: try Self.encode(data)), user_id = \(bind: Self.userID(data)), \
            last_seen_at = \(bind: now.timeIntervalSince1970) WHERE id_digest = \(bind: Self.digest(id.string))
            """
        ).run()
    }

    func delete(_ id: SessionID) async throws {
        try await sql.raw("DELETE FROM web_sessions WHERE id_digest = \(bind: Self.digest(id.string))").run()
    }

    /// Ends every browser session of `userID`; returns how many there were.
    @discardableResult
    func deleteAll(of userID: UUID) async throws -> Int {
        let count =
            try await sql.raw("SELECT count(*) AS n FROM web_sessions WHERE user_id = \(bind: userID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        try await sql.raw("DELETE FROM web_sessions WHERE user_id = \(bind: userID)").run()
        return count
    }

    /// The live sessions of `userID`, newest first (for «Min side»).
    func sessions(of userID: UUID, now: Date) async throws -> [(started: Date, lastSeen: Date)] {
        let time = now.timeIntervalSince1970
        let query: SQLQueryString = """
            SELECT created_at, last_seen_at FROM web_sessions WHERE user_id = \(bind: userID) \
            AND created_at > \(bind: time - Self.absoluteLimit) AND last_seen_at > \(bind: time - Self.idleLimit) \
            ORDER BY created_at DESC
            """
        return try await sql.raw(query).all().map {
            (
                Date(timeIntervalSince1970: try $0.decode(column: "created_at", as: Double.self)),
                Date(timeIntervalSince1970: try $0.decode(column: "last_seen_at", as: Double.self))
            )
        }
    }

    private static func userID(_ data: SessionData) -> UUID? {
        data[userKey].flatMap(UUID.init(uuidString:))
    }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }

    private static func decode(_ text: String) throws -> SessionData {
        try JSONDecoder().decode(SessionData.self, from: Data(text.utf8))
    }
}
