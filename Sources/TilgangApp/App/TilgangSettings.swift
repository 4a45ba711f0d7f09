import Vapor

/// The settings the application reads from its environment.
public struct TilgangSettings: Sendable {
    public var database: DatabaseLocation
    /// Bearer token of the administrator endpoints; `nil` keeps them closed.
    public var adminToken: String?
    /// Key of the audit log's keyed hash chain (`TILGANG_AUDIT_KEY`).
    public var auditKey: String

    /// Used when `TILGANG_AUDIT_KEY` is unset, so the demo runs with zero set-up; production must set its own.
    public static let developmentAuditKey = "tilgang-development-audit-key-not-for-production"

    public init(database: DatabaseLocation, adminToken: String?, auditKey: String = developmentAuditKey) {
        self.database = database
        self.adminToken = adminToken
        self.auditKey = auditKey
    }

    /// `DATABASE_URL` (default `sqlite://tilgang.sqlite`), `TILGANG_ADMIN_TOKEN` and `TILGANG_AUDIT_KEY`.
    public static func fromEnvironment() throws -> TilgangSettings {
        TilgangSettings(
            database: try DatabaseLocation(url: Environment.get("DATABASE_URL")),
            adminToken: Environment.get("TILGANG_ADMIN_TOKEN"),
            auditKey: Environment.get("TILGANG_AUDIT_KEY") ?? developmentAuditKey)
    }
}
