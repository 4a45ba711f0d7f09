import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// Finds the signed-in user for a session or a bearer token, and the leaders a user stands in for, in plain SQL:
/// it runs on every request, where Fluent's per-row reflection cost more than the query.
struct UserLookup {
    let sql: any SQLDatabase

    init(_ database: any Database) throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        self.sql = sql
    }

    /// The columns `AuthenticatedUser` is made of, plus whether the account is active.
    struct Row: Sendable {
        let id: UUID
        let username: String
        let displayName: String
        let role: String
        let organisation: String
        let departmentCode: String?
        let active: Bool

        init(_ row: ResultRow) throws {
            id = try row.value("id")
            username = try row.value("username")
            displayName = try row.value("displayName")
            role = try row.value("role")
            organisation = try row.value("organisation")
            departmentCode = try row.value("departmentCode")
            active = try row.value("active")
        }
    }

    private static let columns =
        #"u.id AS id, u.username AS username, u.display_name AS "displayName", u.role AS role, "#
        + #"u.organisation AS organisation, u.department_code AS "departmentCode", u.active AS active"#

    /// The active user with this id.
    func user(id: UUID) async throws -> AuthenticatedUser? {
        let rows = try await sql.resultRows(
            "SELECT \(unsafeRaw: Self.columns) FROM users u WHERE u.id = \(bind: id)" as SQLQueryString)
        return try rows.first.map(Row.init).flatMap(Self.active)
    }

    /// The active user holding a token with this digest, and when the token expires.
    func holder(tokenDigest: String) async throws -> IdentityCache.Holder? {
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.columns), t.expires_at AS "expiresAt" FROM user_tokens t
            JOIN users u ON u.id = t.user_id WHERE t.token_digest = \(bind: tokenDigest)
            """
        guard let row = try await sql.resultRows(query).first, let user = try Self.active(try Row(row)) else {
            return nil
        }
        return IdentityCache.Holder(user: user, expiresAt: try row.value("expiresAt"))
    }

    /// The active leaders `substitute` stands in for on `day` (a substitution covers its first and last day).
    func principals(of substitute: UUID, on day: CalendarDate) async throws -> [AuthenticatedUser] {
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.columns) FROM substitutions s JOIN users u ON u.id = s.principal_id
            WHERE s.substitute_id = \(bind: substitute) AND s.from_day <= \(bind: day.iso) \
            AND s.to_day >= \(bind: day.iso)
            """
        return try await sql.resultRows(query).map(Row.init).compactMap(Self.active)
    }

    /// The active users of these trusts (who may take a case's steps), and today's stand-ins for them as (principal,
    /// substitute) pairs: read for every case page (`CaseAssignmentService`), where Fluent's models cost a tenth of
    /// the page.
    func activeUsers(ofTrusts trusts: [String]) async throws -> [AuthenticatedUser] {
        guard !trusts.isEmpty else { return [] }
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: Self.columns) FROM users u WHERE u.organisation IN (\(binds: trusts)) \
            AND u.active = \(bind: true)
            """
        return try await sql.resultRows(query).map(Row.init).compactMap(Self.active)
    }

    func standIns(forUsersOf trusts: [String], on day: CalendarDate) async throws -> [(
        principal: UUID, substitute: UUID
    )] {
        guard !trusts.isEmpty else { return [] }
        let query: SQLQueryString = """
            SELECT s.principal_id AS principal, s.substitute_id AS substitute FROM substitutions s \
            JOIN users u ON u.id = s.principal_id WHERE u.organisation IN (\(binds: trusts)) \
            AND s.from_day <= \(bind: day.iso) AND s.to_day >= \(bind: day.iso)
            """
        return try await sql.resultRows(query).map { (try $0.value("principal"), try $0.value("substitute")) }
    }

    private static func active(_ row: Row) throws -> AuthenticatedUser? {
        guard row.active else { return nil }
        guard let role = Role(rawValue: row.role) else {
            throw Abort(.internalServerError, reason: "Brukerkontoen er skadet.")
        }
        return AuthenticatedUser(
            id: row.id, username: row.username, displayName: row.displayName, role: role,
            organisation: row.organisation, departmentCode: row.departmentCode)
    }
}
