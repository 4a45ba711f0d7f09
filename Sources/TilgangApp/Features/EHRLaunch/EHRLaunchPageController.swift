import TilgangDomain
import Vapor

/// The browser's side of a launch from the EHR: `GET /start?iss=…&launch=…` binds the launch to this session and
/// signs the user in through HelseID; `/start/fortsett` (back from sign-in) matches the HPR number; `/start/{launch}`
/// shows the patient's cases the user may see, or goes straight to the new application, whose patient is filled
/// in server-side from the launch.
struct EHRLaunchPageController: RouteCollection {
    static let start: PathComponent = "start"
    static let resume: PathComponent = "fortsett"
    static let newApplication: PathComponent = "ny"

    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped(SessionUserAuthenticator())
        sessions.get(Self.start, use: launch)
        sessions.get(Self.start, Self.resume, use: resume)
        let pages = sessions.grouped(
            AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) }, CSRFMiddleware())
        pages.get(Self.start, ":launch", use: patient)
        pages.get(Self.start, ":launch", Self.newApplication, use: newForm)
        pages.post(Self.start, ":launch", Self.newApplication, use: create)
    }

    /// The URL the EHR opens in the browser: no patient data, only the issuer and the opaque launch id.
    static func launchURL(_ settings: EHRLaunchSettings, id: String) -> String {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "iss", value: settings.issuer), URLQueryItem(name: "launch", value: id),
        ]
        let base = settings.audience.hasSuffix("/") ? String(settings.audience.dropLast()) : settings.audience
        return base + SiteURL.absolute(Self.start) + "?" + (components.percentEncodedQuery ?? "")
    }

    private static var resumePath: String { SiteURL.absolute(Self.start, Self.resume) }

    @Sendable
    func launch(req: Request) async throws -> Response {
        do {
            let binding = try await req.ehrLaunches.claim(
                id: req.query[String.self, at: "launch"] ?? "", issuer: req.query[String.self, at: "iss"])
            req.session.data[EHRLaunchSession.binding] = binding
            if req.auth.has(AuthenticatedUser.self), req.session.data[HelseIDSession.signedInWithHelseID] == "1" {
                return req.redirect(to: Self.resumePath)
            }
            return req.redirect(to: Self.helseIDSignIn)
        } catch let error as EHRLaunchError {
            return try await refuse(req, error)
        }
    }

    private static var helseIDSignIn: String {
        SiteURL.absolute(SiteURL.login, HelseIDPageController.helseID) + "?next="
            + (resumePath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    @Sendable
    func resume(req: Request) async throws -> Response {
        guard let user = req.auth.get(AuthenticatedUser.self),
            req.session.data[HelseIDSession.signedInWithHelseID] == "1"
        else {
            // Not (yet) signed in through HelseID: the launch waits in the session.
            guard req.session.data[EHRLaunchSession.binding] != nil else {
                return try await refuse(req, .otherSession)
            }
            return req.redirect(to: Self.helseIDSignIn)
        }
        let binding = req.session.data[EHRLaunchSession.binding]
        req.session.data[EHRLaunchSession.binding] = nil
        do {
            let id = try await req.ehrLaunches.open(binding: binding, for: user)
            return req.redirect(to: SiteURL.record(Self.start, id: id))
        } catch let error as EHRLaunchError {
            return try await refuse(req, error)
        }
    }

    @Sendable
    func patient(req: Request) async throws -> Response {
        let user = try req.user
        do {
            let launched = try await req.ehrLaunches.opened(req.parameters.get("launch") ?? "", for: user)
            let cases = try await req.ehrLaunches.cases(of: launched, for: user, through: req.cases)
            if cases.isEmpty {
                return req.redirect(to: SiteURL.record(Self.start, id: launched.launchID, then: Self.newApplication))
            }
            let now = req.clock.now
            return try await req.view.render(
                "ehr/patient",
                EHRPatientContext(
                    title: "Pasientens søknader", currentUser: UserView(user), maskedPatient: launched.patient.masked,
                    patientName: launched.name ?? "", cases: cases.map { CaseSummaryView($0, now: now) },
                    newApplication: SiteURL.record(Self.start, id: launched.launchID, then: Self.newApplication))
            ).encodeResponse(for: req)
        } catch let error as EHRLaunchError {
            return try await refuse(req, error)
        }
    }

    @Sendable
    func newForm(req: Request) async throws -> Response {
        let user = try req.user
        do {
            let launched = try await req.ehrLaunches.opened(req.parameters.get("launch") ?? "", for: user)
            var input = CaseDraftInput()
            input.kind = "individual"
            input.patientTrust = launched.trustCode
            return try await CasePageController().renderForm(req, input: input, failure: nil, launched: launched)
                .encodeResponse(for: req)
        } catch let error as EHRLaunchError {
            return try await refuse(req, error)
        }
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let user = try req.user
        var input = try req.content.decode(CaseDraftForm.self).input
        do {
            let launched = try await req.ehrLaunches.opened(req.parameters.get("launch") ?? "", for: user)
            // The patient is the launch's, whatever the form says.
            input.kind = "individual"
            input.patientNIN = launched.patient.digits
            do {
                let created = try await req.cases.create(input, by: user, today: req.clock.today)
                try await req.ehrLaunches.finish(launched.launchID)
                return req.redirect(to: SiteURL.record(SiteURL.cases, id: created.id.uuidString))
            } catch let failure as ValidationFailure {
                input.patientNIN = nil
                return try await CasePageController().renderForm(
                    req, input: input, failure: failure, launched: launched
                ).encodeResponse(status: .unprocessableEntity, for: req)
            }
        } catch let error as EHRLaunchError {
            return try await refuse(req, error)
        }
    }

    private func refuse(_ req: Request, _ error: EHRLaunchError) async throws -> Response {
        req.logger.notice("ehr: launch refused: \(error.code)")
        return try await req.view.render(
            "ehr/error", HelseIDErrorContext(title: "Oppstarten ble avvist", reason: error.reason, code: error.code)
        ).encodeResponse(status: error.status, for: req)
    }
}
