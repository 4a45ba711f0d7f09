import TilgangDomain
import Vapor

/// «Innsyn i tidligere søknader» (`/tidligere-soknader`): a physician asks, the department head grants,
/// refuses or revokes on the same page. The identity number travels in the form's body only.
struct AccessRequestPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(SiteURL.accessRequests, use: page)
        pages.post(SiteURL.accessRequests, use: create)
        pages.post(SiteURL.accessRequests, ":id", "innvilg", use: grant)
        pages.post(SiteURL.accessRequests, ":id", "avslaa", use: refuse)
        pages.post(SiteURL.accessRequests, ":id", "trekk-tilbake", use: revoke)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, input: AccessRequestInput(), failure: nil, message: Flash.take(req))
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(AccessRequestInput.self)
        do {
            _ = try await req.accessRequests.request(input, by: try req.user)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.accessRequests),
                "Forespørselen er sendt til avdelingslederen. Du ser søknadene her når den er innvilget.")
        } catch let failure as ValidationFailure {
            // Everything typed comes back, with the error beside its field.
            return try await render(req, input: input, failure: failure, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func grant(req: Request) async throws -> Response {
        try await decide(req, done: "Tilgangen er innvilget.") { service, id, input, user in
            _ = try await service.grant(id, input, by: user)
        }
    }

    @Sendable
    func refuse(req: Request) async throws -> Response {
        try await decide(req, done: "Forespørselen er avslått.") { service, id, input, user in
            _ = try await service.refuse(id, input, by: user)
        }
    }

    @Sendable
    func revoke(req: Request) async throws -> Response {
        try await decide(req, done: "Tilgangen er trukket tilbake.") { service, id, input, user in
            _ = try await service.revoke(id, input, by: user)
        }
    }

    /// A decision, answered on the page: refusals of the decision itself as the page's notice.
    private func decide(
        _ req: Request, done: String,
        _ apply: (AccessRequestService, UUID, AccessDecisionInput, AuthenticatedUser) async throws -> Void
    ) async throws -> Response {
        let id = try AccessRequestAPIController.id(req)
        let input = try req.content.decode(AccessDecisionInput.self)
        let back = SiteURL.absolute(SiteURL.accessRequests)
        do {
            try await apply(req.accessRequests, id, input, try req.user)
            return Flash.redirect(req, to: back, done)
        } catch let failure as ValidationFailure {
            let text = failure.errors.map { "\(FieldLabels.label($0.field)): \($0.message)" }.joined(separator: " ")
            return Flash.redirect(req, to: back, "Ikke lagret. \(text)")
        } catch let error as AccessRequestError {
            return Flash.redirect(req, to: back, "Ikke lagret. \(error.reason)")
        }
    }

    private func render(
        _ req: Request, input: AccessRequestInput, failure: ValidationFailure?, message: String?
    ) async throws -> View {
        let user = try req.user
        let service = req.accessRequests
        var mine: [AccessRequestsContext.Row] = []
        for dto in try await service.mine(user) {
            var row = AccessRequestsContext.Row(dto)
            if dto.active {
                row.cases = try await service.cases(under: dto.id, for: user).map {
                    .init(
                        id: $0.id.uuidString, caseNumber: $0.caseNumber, medicineName: $0.medicineName,
                        stateTitle: $0.stateTitle, applicantName: $0.applicantName ?? "")
                }
            }
            mine.append(row)
        }
        let toDecide = try await service.toDecide(user).map(AccessRequestsContext.Row.init)
        var errors: [String: String] = [:]
        for error in failure?.errors ?? [] { errors[error.field] = error.message }
        let mayRequest = AccessRequestPolicy.mayRequest(role: user.role, department: user.departmentCode)
        let colleagues = mayRequest ? try await service.colleagues(of: user) : []
        return try await req.view.render(
            "access-requests/index",
            AccessRequestsContext(
                title: "Innsyn i tidligere søknader", currentUser: UserView(user), csrf: CSRF.token(for: req),
                message: message, mayRequest: mayRequest, input: input, errors: errors, hasErrors: failure != nil,
                colleagues: [
                    SelectOption(
                        value: "", label: "Alle tidligere søknader for pasienten i avdelingen",
                        selected: (input.colleagueId ?? "").isEmpty)
                ]
                    + colleagues.map {
                        SelectOption(
                            value: $0.id?.uuidString ?? "", label: $0.displayName,
                            selected: $0.id?.uuidString == input.colleagueId)
                    },
                mine: mine, pending: toDecide.filter { $0.state == AccessRequestState.pending.rawValue },
                granted: toDecide.filter { $0.state == AccessRequestState.granted.rawValue },
                defaultDays: AccessGrantPeriod.defaultDays, maximumDays: AccessGrantPeriod.maximumDays))
    }
}
