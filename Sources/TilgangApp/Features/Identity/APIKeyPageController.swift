import Vapor

/// «Lag API-nøkkel» on Min side: a signed-in user (by HelseID or password) gets a bearer token for the API, shown
/// once. With `TILGANG_LOCAL_LOGIN=0` this is the only way to an API token, so the API asks for the same sign-in as
/// the pages.
struct APIKeyPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware(path: SiteURL.absolute(SiteURL.login)),
            CSRFMiddleware()
        )
        .post(SiteURL.myPage, "api-nokkel", use: issue)
    }

    struct APIKeyContext: Encodable {
        let title: String
        let currentUser: UserView
        let csrf: String
        let token: String
        let expiresAt: String
    }

    @Sendable
    func issue(req: Request) async throws -> Response {
        let user = try req.user
        let issued = try await req.users.issueToken(for: user, now: req.clock.now)
        try await req.auditLog.append(
            "user.api_token", by: AuditActor(user), caseID: nil, patientKey: nil,
            detail: "\(user.username): API-nøkkel til \(OsloTime.dateTime(issued.expiresAt))", on: req.db)
        let view = try await req.view.render(
            "auth/api-key",
            APIKeyContext(
                title: "API-nøkkel", currentUser: UserView(user), csrf: CSRF.token(for: req), token: issued.token,
                expiresAt: OsloTime.dateTime(issued.expiresAt)))
        let response = try await view.encodeResponse(for: req)
        // The token is on this page only: no cache may keep it.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
