import Fluent
import TilgangDomain
import Vapor

/// Accounts: checks passwords, issues API tokens. Failed sign-ins never say which half was wrong.
struct UserService {
    static let tokenLifetime: TimeInterval = 8 * 60 * 60

    let database: any Database
    let hashing: PasswordHashing
    let eventLoop: any EventLoop

    enum LoginError: AbortError {
        case invalidCredentials

        var status: HTTPResponseStatus { .unauthorized }
        var reason: String { "Feil brukernavn eller passord." }
    }

    func verify(username: String, password: String) async throws -> AuthenticatedUser {
        let model = try await UserModel.query(on: database)
            .filter(\.$username == username.lowercased()).filter(\.$active == true).first()
        guard let model else {
            // As long as a real check, so the answer's time does not tell whether the account exists.
            _ = try await hashing.verifyNoAccount(password, on: eventLoop)
            throw LoginError.invalidCredentials
        }
        guard try await hashing.verify(password, created: model.passwordHash, on: eventLoop) else {
            throw LoginError.invalidCredentials
        }
        return try AuthenticatedUser(model)
    }

    /// A new random token; only its digest is stored.
    func issueToken(for user: AuthenticatedUser, now: Date) async throws -> (token: String, expiresAt: Date) {
        let token = [UInt8].random(count: 32).base64URLEncoded
        let expiresAt = now.addingTimeInterval(Self.tokenLifetime)
        try await UserTokenModel(userID: user.id, tokenDigest: TokenDigest.of(token), expiresAt: expiresAt)
            .create(on: database)
        return (token, expiresAt)
    }

    func create(
        username: String, displayName: String, password: String, role: Role, organisation: String,
        departmentCode: String?, hprNumber: String?
    ) async throws -> UserModel {
        let model = UserModel(
            username: username.lowercased(), displayName: displayName,
            passwordHash: try await hashing.hash(password, on: eventLoop), role: role.rawValue,
            organisation: organisation,
            departmentCode: departmentCode, hprNumber: hprNumber)
        try await model.create(on: database)
        return model
    }
}

extension Array where Element == UInt8 {
    /// URL-safe base64 without padding.
    var base64URLEncoded: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

extension Request {
    var users: UserService { UserService(database: db, hashing: application.passwordHashing, eventLoop: eventLoop) }
}

extension Application {
    var users: UserService {
        UserService(database: db, hashing: passwordHashing, eventLoop: eventLoopGroup.any())
    }
}
