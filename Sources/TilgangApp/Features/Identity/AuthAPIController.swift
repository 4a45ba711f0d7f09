import Vapor

/// API sign-in: exchange username and password for a bearer token; `me` tells who a token belongs to.
struct AuthAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: token)
        routes.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware()).get("me", use: me)
    }

    struct TokenRequest: Content, Validatable {
        var username: String
        var password: String

        static func validations(_ validations: inout Validations) {
            validations.add("username", as: String.self, is: !.empty)
            validations.add("password", as: String.self, is: !.empty)
        }
    }

    struct TokenResponse: Content {
        let token: String
        let expiresAt: Date
        let user: AuthenticatedUser
    }

    @Sendable
    func token(req: Request) async throws -> TokenResponse {
        // `TILGANG_LOCAL_LOGIN=0`: no password opens anything; a token comes from «Lag API-nøkkel» after sign-in.
        guard HelseIDSettings.localLoginEnabled else {
            throw Abort(
                .forbidden,
                reason: "Lokale passord er slått av. Logg inn med HelseID og lag en API-nøkkel på Min side.")
        }
        try TokenRequest.validate(content: req)
        let body = try req.content.decode(TokenRequest.self)
        let user = try await req.application.loginGuard.attempt(
            username: body.username, address: req.remoteAddress?.ipAddress, now: req.clock.now
        ) { try await req.users.verify(username: body.username, password: body.password) }
        let issued = try await req.users.issueToken(for: user, now: req.clock.now)
        return TokenResponse(token: issued.token, expiresAt: issued.expiresAt, user: user)
    }

    @Sendable
    func me(req: Request) async throws -> AuthenticatedUser {
        try req.user
    }
}
