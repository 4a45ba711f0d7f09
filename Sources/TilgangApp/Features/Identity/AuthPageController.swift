import Fluent
import TilgangDomain
import Vapor

/// Sign-in and sign-out pages, and «Min side» for the signed-in user.
struct AuthPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped(SessionUserAuthenticator())
        sessions.get(SiteURL.login, use: loginPage)
        // `TILGANG_LOCAL_LOGIN=0`: no password form, and no route that takes a password.
        if HelseIDSettings.localLoginEnabled {
            sessions.grouped(CSRFMiddleware()).post(SiteURL.login, use: login)
        }
        sessions.grouped(CSRFMiddleware()).post(SiteURL.logout, use: logout)
        let signedIn = sessions.grouped(AuthenticatedUser.redirectMiddleware(path: SiteURL.absolute(SiteURL.login)))
        signedIn.get(SiteURL.myPage, use: myPage)
        signedIn.grouped(CSRFMiddleware()).post(SiteURL.myPage, "logg-ut-overalt", use: signOutEverywhere)
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
                username: form.username ?? "", address: req.remoteAddress?.ipAddress, now: req.clock.now
            ) { try await req.users.verify(username: form.username ?? "", password: form.password ?? "") }
            try await SessionRotation.rotate(req)
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
        let viaHelseID = req.session.data[HelseIDSession.signedInWithHelseID] != nil
        req.auth.logout(AuthenticatedUser.self)
        req.session.unauthenticate(AuthenticatedUser.self)
        for key in [HelseIDSession.signedInWithHelseID, HelseIDSession.pendingHPR, HelseIDSession.pendingName] {
            req.session.data[key] = nil
        }
        // A fresh, empty session (new id, new CSRF token) rather than none, so the sign-in form works at once.
        try await SessionRotation.rotate(req)
        // Signed in through HelseID: end the provider's session too, where its discovery document offers it.
        if viaHelseID, let endSession = await req.helseIDSignIn.endSessionURL() {
            return req.redirect(to: endSession)
        }
        return req.redirect(to: SiteURL.absolute(SiteURL.login))
    }

    /// Ends every session and token of the signed-in user, this one included, and audits it.
    @Sendable
    func signOutEverywhere(req: Request) async throws -> Response {
        let user = try req.user
        let audit = req.auditLog
        try await req.db.writeTransaction { db in
            let revoked = try await CredentialRevocation.revokeAll(of: user.id, on: db)
            try await audit.append(
                "user.sign_out_everywhere", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(user.username): \(revoked.sessions) økter, \(revoked.tokens) tokener", on: db)
        }
        req.application.identityCache.removeAll()
        req.auth.logout(AuthenticatedUser.self)
        req.session.unauthenticate(AuthenticatedUser.self)
        req.session.id = nil
        return Flash.redirect(req, to: SiteURL.absolute(SiteURL.login), "Du er logget ut overalt.")
    }

    @Sendable
    func myPage(req: Request) async throws -> View {
        let user = try req.user
        let isLeader = SubstitutionService.leaderRoles.contains(user.role)
        let standIns = isLeader ? try await req.substitutions.current(of: user, today: req.clock.today) : []
        let sessions = try await WebSessionStore(req.db).sessions(of: user.id, now: req.clock.now)
        return try await req.view.render(
            "auth/me",
            MyPageContext(
                title: "Min side", currentUser: UserView(user), csrf: CSRF.token(for: req), isLeader: isLeader,
                message: Flash.take(req),
                standIns: standIns.map {
                    .init(
                        id: $0.id.uuidString, name: $0.substituteName, username: $0.substitute, from: $0.from, to: $0.to
                    )
                },
                eligibleRoles: StandInPolicy.eligibleRoles(for: user.role).map(\.title).sorted()
                    .joined(separator: " eller "),
                maximumDays: StandInPolicy.maximumDays,
                sessionCount: sessions.count))
    }

    private func render(_ req: Request, error: String?, username: String, next: String?) async throws -> View {
        try await req.view.render(
            "auth/login",
            LoginPageContext(
                title: "Logg inn", csrf: CSRF.token(for: req), error: error, username: username,
                next: next.flatMap { LocalRedirect.isSafe($0) ? $0 : nil } ?? "",
                helseID: req.application.helseID != nil, localLogin: HelseIDSettings.localLoginEnabled))
    }

    /// Only local paths, so the sign-in form cannot be used to send people to another site or split a header.
    static func safeRedirect(_ next: String?) -> String {
        LocalRedirect.path(next, default: SiteURL.absolute(SiteURL.myPage))
    }
}
