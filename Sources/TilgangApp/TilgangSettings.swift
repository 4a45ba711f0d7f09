import Vapor

/// The settings the application reads from its environment.
public struct TilgangSettings: Sendable {
    public var database: DatabaseLocation
    /// Bearer token of the administrator endpoints; `nil` keeps them closed.
    public var adminToken: String?

    public init(database: DatabaseLocation, adminToken: String?) {
        self.database = database
        self.adminToken = adminToken
    }

    /// `DATABASE_URL` (default `sqlite://tilgang.sqlite`) and `TILGANG_ADMIN_TOKEN`.
    public static func fromEnvironment() throws -> TilgangSettings {
        TilgangSettings(
            database: try DatabaseLocation(url: Environment.get("DATABASE_URL")),
            adminToken: Environment.get("TILGANG_ADMIN_TOKEN"))
    }
}
