import TilgangDomain
import Vapor

/// The signed-in person as the rest of the app sees them: never the Fluent model, never the password hash.
struct AuthenticatedUser: Authenticatable, SessionAuthenticatable, Content, Equatable {
    let id: UUID
    let username: String
    let displayName: String
    let role: Role
    let organisation: String
    let departmentCode: String?

    var sessionID: String { id.uuidString }

    init(
        id: UUID, username: String, displayName: String, role: Role, organisation: String, departmentCode: String?
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.organisation = organisation
        self.departmentCode = departmentCode
    }

    init(_ model: UserModel) throws {
        guard let id = model.id, let role = Role(rawValue: model.role) else {
            throw Abort(.internalServerError, reason: "Brukerkontoen er skadet.")
        }
        self.id = id
        self.username = model.username
        self.displayName = model.displayName
        self.role = role
        self.organisation = model.organisation
        self.departmentCode = model.departmentCode
    }
}

extension Request {
    /// The signed-in user; throws 401 when there is none (routes behind the guard always have one).
    var user: AuthenticatedUser {
        get throws { try auth.require(AuthenticatedUser.self) }
    }
}
