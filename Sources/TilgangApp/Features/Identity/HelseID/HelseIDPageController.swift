import TilgangDomain
import Vapor

/// Sign-in with HelseID: `/logg-inn/helseid` sends the browser to the provider, `/logg-inn/helseid/callback`
/// completes it, `/logg-inn/helseid/forste-gang` is the first sign-in of someone Tilgang does not know, and the
/// administrator approves them from `/admin/brukere`.
struct HelseIDPageController: RouteCollection {
    static let helseID: PathComponent = "helseid"
    static let callback: PathComponent = "callback"
    static let firstSignIn: PathComponent = "forste-gang"

    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped(SessionUserAuthenticator())
        let signIn = sessions.grouped(SiteURL.login, Self.helseID)
        signIn.get(use: start)
        signIn.get(Self.callback, use: callback)
        signIn.get(Self.firstSignIn, use: firstSignInPage)
        signIn.grouped(CSRFMiddleware()).post(Self.firstSignIn, use: register)
        sessions.grouped(
            AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) }, CSRFMiddleware()
        ).post(SiteURL.admin, SiteURL.users, Self.helseID, ":hpr", use: approve)
    }

    @Sendable
    func start(req: Request) async throws -> Response {
        do {
            return req.redirect(to: try await req.helseIDSignIn.authorizationURL(next: req.query["next"]))
        } catch let error as HelseIDSignInError {
            return try await refuse(req, error)
        }
    }

    @Sendable
    func callback(req: Request) async throws -> Response {
        do {
            let (outcome, next) = try await req.helseIDSignIn.complete(
                state: req.query["state"], code: req.query["code"], error: req.query["error"])
            // A new session id whoever signs in (session fixation).
            try await SessionRotation.rotate(req)
            switch outcome {
            case .signedIn(let user):
                req.session.data[HelseIDSession.pendingHPR] = nil
                req.session.data[HelseIDSession.pendingName] = nil
                req.session.data[HelseIDSession.signedInWithHelseID] = "1"
                req.auth.login(user)
                req.session.authenticate(user)
                return req.redirect(to: AuthPageController.safeRedirect(next))
            case .unknown(let identity):
                req.auth.logout(AuthenticatedUser.self)
                req.session.unauthenticate(AuthenticatedUser.self)
                req.session.data[HelseIDSession.pendingHPR] = identity.hprNumber
                req.session.data[HelseIDSession.pendingName] = identity.name
                req.session.data[HelseIDSession.signedInWithHelseID] = "1"
                return req.redirect(to: SiteURL.absolute(SiteURL.login, Self.helseID, Self.firstSignIn))
            }
        } catch let error as HelseIDSignInError {
            req.logger.notice("helseid: sign-in refused: \(error.code)")
            return try await refuse(req, error)
        }
    }

    @Sendable
    func firstSignInPage(req: Request) async throws -> Response {
        try await renderFirstSignIn(req, form: .init(), failure: nil).encodeResponse(for: req)
    }

    @Sendable
    func register(req: Request) async throws -> Response {
        guard let hpr = req.session.data[HelseIDSession.pendingHPR] else {
            return req.redirect(to: SiteURL.absolute(SiteURL.login))
        }
        let form = try req.content.decode(HelseIDRegistrationService.Form.self)
        do {
            try await req.helseIDRegistrations.register(
                hpr: hpr, name: req.session.data[HelseIDSession.pendingName] ?? "HPR \(hpr)", form: form)
            return req.redirect(to: SiteURL.absolute(SiteURL.login, Self.helseID, Self.firstSignIn))
        } catch let failure as ValidationFailure {
            return try await renderFirstSignIn(req, form: form, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func approve(req: Request) async throws -> Response {
        struct Approval: Content { var role: String? }
        let hpr = req.parameters.get("hpr") ?? ""
        let role = try req.content.decode(Approval.self).role
        let message: String
        do {
            let username = try await req.helseIDRegistrations.approve(hpr: hpr, role: role, by: try req.user)
            message = "Godkjent: \(username) kan nå logge inn med HelseID."
        } catch let failure as ValidationFailure {
            message = failure.labelledMessagesByField.values.sorted().joined(separator: " ")
        }
        return Flash.redirect(req, to: SiteURL.absolute(SiteURL.admin, SiteURL.users), message)
    }

    private func renderFirstSignIn(
        _ req: Request, form: HelseIDRegistrationService.Form, failure: ValidationFailure?
    ) async throws -> View {
        guard let hpr = req.session.data[HelseIDSession.pendingHPR] else {
            throw Abort(.unauthorized, reason: "Logg inn med HelseID først.")
        }
        let service = req.helseIDRegistrations
        let waiting = try await service.registration(hpr: hpr)
        let trusts = try await service.trusts().map {
            SelectOption(value: $0.id ?? "", label: $0.name, selected: $0.id == (form.trust ?? waiting?.trustCode))
        }
        let departments = try await service.departments().map {
            SelectOption(
                value: $0.id ?? "", label: "\($0.name) (\($0.trustCode))",
                selected: $0.id == (form.department ?? waiting?.departmentCode))
        }
        let profession = try await HPRRegisterService(database: req.db).authorisation(hpr: hpr)?.profession.rawValue
        return try await req.view.render(
            "auth/helseid-first",
            HelseIDFirstSignInContext(
                title: "Første innlogging", csrf: CSRF.token(for: req),
                name: req.session.data[HelseIDSession.pendingName] ?? "", hprNumber: hpr,
                profession: profession ?? "", waiting: waiting != nil && failure == nil, trusts: trusts,
                departments: departments, errors: failure?.labelledMessagesByField ?? [:],
                errorList: failure?.labelledMessagesByField.sorted { $0.key > $1.key }.map(\.value) ?? []))
    }

    private func refuse(_ req: Request, _ error: HelseIDSignInError) async throws -> Response {
        let status: HTTPStatus = error == .providerUnavailable ? .badGateway : .unauthorized
        return try await req.view.render(
            "auth/helseid-error",
            HelseIDErrorContext(title: "Innloggingen ble avvist", reason: error.reason, code: error.code)
        ).encodeResponse(status: status, for: req)
    }
}
