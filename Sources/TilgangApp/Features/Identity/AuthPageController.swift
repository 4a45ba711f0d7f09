import TilgangDomain
import Vapor

/// Sign-in and sign-out pages, and «Min side» for the signed-in user.
struct AuthPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped(SessionUserAuthenticator())
        sessions.get(SiteURL.login, use: loginPage)
        sessions.grouped(CSRFMiddleware()).post(SiteURL.login, use: login)
        sessions.grouped(CSRFMiddleware()).post(SiteURL.logout, use: logout)
        sessions.grouped(AuthenticatedUser.redirectMiddleware(path: SiteURL.absolute(SiteURL.login)))
            .get(SiteURL.myPage, use: myPage)
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    @Sendable
    func loginPage(req: Request) async throws -> View {
        try await render(req, error: nil, username: "", next: req.query[String.self, at: "next"])
    }

    @Sendable
    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await req.application.loginGuard.attempt(
                username: form.username ?? "", address: req.remoteAddress?.ipAddress
            ) { try await req.users.verify(username: form.username ?? "", password: form.password ?? "") }
            req.auth.login(user)
            req.session.authenticate(user)
            return req.redirect(to: Self.safeRedirect(form.next))
        } catch is UserService.LoginError {
            let view = try await render(
                req, error: UserService.LoginError.invalidCredentials.reason, username: form.username ?? "",
                next: form.next)
            return try await view.encodeResponse(status: .unauthorized, for: req)
        } catch let throttled as LoginGuard.Throttled {
            let view = try await render(req, error: throttled.reason, username: form.username ?? "", next: form.next)
            let response = try await view.encodeResponse(status: .tooManyRequests, for: req)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(throttled.retryAfter))
            return response
        }
    }

    @Sendable
    func logout(req: Request) async throws -> Response {
        req.auth.logout(AuthenticatedUser.self)
        req.session.unauthenticate(AuthenticatedUser.self)
        req.session.destroy()
        return req.redirect(to: SiteURL.absolute(SiteURL.login))
    }

    @Sendable
    func myPage(req: Request) async throws -> View {
        let user = try req.user
        return try await req.view.render(
            "auth/me",
            MyPageContext(
                title: "Min side", currentUser: UserView(user), csrf: CSRF.token(for: req),
                isLeader: SubstitutionService.leaderRoles.contains(user.role),
                message: req.query[String.self, at: "melding"]))
    }

    private func render(_ req: Request, error: String?, username: String, next: String?) async throws -> View {
        try await req.view.render(
            "auth/login",
            LoginPageContext(
                title: "Logg inn", csrf: CSRF.token(for: req), error: error, username: username, next: next ?? ""))
    }

    /// Only local paths, so the sign-in form cannot be used to send people to another site.
    static func safeRedirect(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//") else { return SiteURL.absolute(SiteURL.myPage) }
        return next
    }
}
