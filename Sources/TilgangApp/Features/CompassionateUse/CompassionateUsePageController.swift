import TilgangDomain
import Vapor

/// Compassionate use as API (`/api/v1/cu-cases`, `/api/v1/deviations`) and pages (`/cu`, `/avvik`).
struct CompassionateUseController: RouteCollection {
    let api: Bool

    func boot(routes: any RoutesBuilder) throws {
        if api {
            let authed = routes.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware())
            let cases = authed.grouped("cu-cases")
            cases.post(use: createAPI)
            cases.get(use: listAPI)
            cases.get(":id", use: showAPI)
            cases.post(":id", "actions", use: actAPI)
            cases.get(":id", "manufacturer-application", use: manufacturerAPI)
            cases.put(":id", "manufacturer-text", use: manufacturerTextAPI)
            authed.get("cu-register", use: registerAPI)
            authed.post("deviations", use: reportAPI)
            authed.get("deviations", use: deviationsAPI)
        } else {
            let pages = routes.grouped(
                SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
                CSRFMiddleware())
            pages.get(SiteURL.compassionateUse, use: listPage)
            pages.get(SiteURL.compassionateUse, "ny", use: newPage)
            pages.get(SiteURL.compassionateUse, "register", use: registerPage)
            pages.post(SiteURL.compassionateUse, use: createPage)
            pages.get(SiteURL.compassionateUse, ":id", use: showPage)
            pages.post(SiteURL.compassionateUse, ":id", "handling", use: actPage)
            pages.get(SiteURL.compassionateUse, ":id", "produsentsoknad", use: manufacturerPage)
            pages.post(SiteURL.compassionateUse, ":id", "produsentsoknad", use: manufacturerTextPage)
            pages.get(SiteURL.deviations, use: deviationsPage)
            pages.post(SiteURL.deviations, use: reportPage)
        }
    }

    // MARK: - API

    @Sendable
    func createAPI(req: Request) async throws -> Response {
        let created = try await req.compassionateUse.create(try req.content.decode(CUCaseInput.self), by: try req.user)
        return try await VersionedResponse.make(created, status: .created, for: req)
    }

    @Sendable
    func listAPI(req: Request) async throws -> [CUCaseDTO] {
        try await req.compassionateUse.list(for: try req.user)
    }

    /// The CU case as it is now, read (and audited) like any other read: what a replayed request answers.
    static func current(_ id: UUID, _ req: Request) async throws -> Response {
        try await VersionedResponse.make(
            try await req.compassionateUse.read(id, by: try req.user), status: .ok, for: req)
    }

    @Sendable
    func showAPI(req: Request) async throws -> Response {
        try await VersionedResponse.make(
            try await req.compassionateUse.read(try Self.id(req), by: try req.user), status: .ok, for: req)
    }

    @Sendable
    func actAPI(req: Request) async throws -> Response {
        guard let version = CaseAPIController.version(fromIfMatch: req.headers.first(name: .ifMatch)) else {
            throw CaseError.missingVersion
        }
        let user = try req.user
        let input = try req.content.decode(CUActionInput.self)
        let id = try Self.id(req)
        return try await req.idempotent(user: user.id, replay: { try await Self.current($0, req) }) {
            let updated = try await req.compassionateUse.act(input, on: id, expectedVersion: version, by: user)
            return (try await VersionedResponse.make(updated, status: .ok, for: req), id)
        }
    }

    @Sendable
    func manufacturerAPI(req: Request) async throws -> ManufacturerApplication {
        try await req.compassionateUse.manufacturerApplication(try Self.id(req), by: try req.user)
    }

    @Sendable
    func registerAPI(req: Request) async throws -> [CURegisterEntry] {
        try await req.compassionateUse.register()
    }

    @Sendable
    func registerPage(req: Request) async throws -> View {
        try await req.view.render(
            "cu/register",
            CURegisterContext(
                title: "CU-registeret", currentUser: UserView(try req.user),
                entries: try await req.compassionateUse.register()))
    }

    @Sendable
    func reportAPI(req: Request) async throws -> Response {
        let created = try await req.compassionateUse.reportDeviation(
            try req.content.decode(DeviationInput.self), by: try req.user)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func deviationsAPI(req: Request) async throws -> [DeviationDTO] {
        try await req.compassionateUse.deviations(for: try req.user)
    }

    // MARK: - Pages

    @Sendable
    func listPage(req: Request) async throws -> View {
        let user = try req.user
        return try await req.view.render(
            "cu/list",
            CUListContext(
                title: "Compassionate use", currentUser: UserView(user),
                cases: try await req.compassionateUse.list(for: user),
                mayRequest: CUPWorkflow.requesterRoles.contains(user.role)))
    }

    @Sendable
    func newPage(req: Request) async throws -> View {
        var form = CUCaseForm()
        form.kind = req.query[String.self, at: "type"] == "cup" ? "cup" : "cunp"
        return try await renderForm(req, form: form, failure: nil)
    }

    @Sendable
    func createPage(req: Request) async throws -> Response {
        let form = try req.content.decode(CUCaseForm.self)
        do {
            let created = try await req.compassionateUse.create(form.input, by: try req.user)
            return req.redirect(to: SiteURL.record(SiteURL.compassionateUse, id: created.id.uuidString))
        } catch let failure as ValidationFailure {
            return try await renderForm(req, form: form, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func showPage(req: Request) async throws -> View {
        try await render(req, id: try Self.id(req), message: Flash.take(req))
    }

    @Sendable
    func actPage(req: Request) async throws -> Response {
        let id = try Self.id(req)
        var input = try req.content.decode(CUActionInput.self)
        input.sykehusinnkjopContacted = req.content[String.self, at: "sykehusinnkjopContacted"] == "true"
        let version = req.content[Int.self, at: "version"] ?? -1
        do {
            _ = try await req.compassionateUse.act(input, on: id, expectedVersion: version, by: try req.user)
            return Flash.redirect(req, to: SiteURL.record(SiteURL.compassionateUse, id: id.uuidString), "Lagret.")
        } catch let error as AbortError {
            return try await render(req, id: id, message: error.reason).encodeResponse(status: error.status, for: req)
        } catch let failure as ValidationFailure {
            return try await render(req, id: id, message: failure.description)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func manufacturerPage(req: Request) async throws -> View {
        try await renderManufacturer(req, input: nil, errors: [], message: Flash.take(req))
    }

    /// Saves the de-identified text; what the check found is shown beside the field, and the text stays in it.
    @Sendable
    func manufacturerTextPage(req: Request) async throws -> Response {
        let input = try req.content.decode(CompassionateUseService.ManufacturerTextInput.self)
        let id = try Self.id(req)
        do {
            try await req.compassionateUse.saveManufacturerText(input, on: id, by: try req.user)
            return Flash.redirect(
                req,
                to: SiteURL.record(SiteURL.compassionateUse, id: id.uuidString, then: SiteURL.manufacturerApplication),
                "Teksten er kontrollert og lagret i søknaden.")
        } catch let failure as ValidationFailure {
            return try await renderManufacturer(req, input: input, errors: failure.errors, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func manufacturerTextAPI(req: Request) async throws -> HTTPStatus {
        try await req.compassionateUse.saveManufacturerText(
            try req.content.decode(CompassionateUseService.ManufacturerTextInput.self), on: try Self.id(req),
            by: try req.user)
        return .noContent
    }

    private func renderManufacturer(
        _ req: Request, input: CompassionateUseService.ManufacturerTextInput?, errors: [FieldError], message: String?
    ) async throws -> View {
        let user = try req.user
        let id = try Self.id(req)
        let application = try await req.compassionateUse.manufacturerApplication(id, by: user)
        return try await req.view.render(
            "cu/manufacturer",
            ManufacturerPageContext(
                title: "Søknad til produsent", currentUser: UserView(user), a: application, id: id,
                csrf: CSRF.token(for: req), text: input?.text ?? application.deidentifiedText ?? "",
                patientNames: input?.patientNames ?? "", textError: errors.map(\.message).joined(separator: " "),
                message: message, maximumLength: DeidentifiedText.maximumLength))
    }

    @Sendable
    func deviationsPage(req: Request) async throws -> View {
        try await renderDeviations(req, message: Flash.take(req), errors: [:])
    }

    @Sendable
    func reportPage(req: Request) async throws -> Response {
        do {
            _ = try await req.compassionateUse.reportDeviation(
                try req.content.decode(DeviationInput.self), by: try req.user)
            return Flash.redirect(req, to: SiteURL.absolute(SiteURL.deviations), "Avviket er meldt.")
        } catch let failure as ValidationFailure {
            return try await renderDeviations(
                req, message: nil,
                errors: failure.messagesByField
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    // MARK: - Rendering

    private func render(_ req: Request, id: UUID, message: String?) async throws -> View {
        let user = try req.user
        let dto = try await req.compassionateUse.read(id, by: user)
        let actions = try await req.compassionateUse.availableActions(dto, for: user)
        return try await req.view.render(
            "cu/show",
            CUDetailContext(
                title: "Sak \(dto.reference)", currentUser: UserView(user), csrf: CSRF.token(for: req), c: dto,
                maskedPatient: dto.patientNIN.flatMap(NationalIdentityNumber.init)?.masked,
                openTitles: dto.openGates.compactMap { CUNPGate(rawValue: $0)?.title },
                actions: actions.map(CUActionView.init),
                message: message,
                events: dto.events.map {
                    .init(
                        action: CUActionView.label($0.action), actor: $0.actor,
                        role: Role(rawValue: $0.actorRole)?.title ?? $0.actorRole, comment: $0.comment,
                        at: $0.at.map(OsloTime.dateTime) ?? "")
                }))
    }

    private func renderForm(_ req: Request, form: CUCaseForm, failure: ValidationFailure?) async throws -> View {
        let user = try req.user
        let medicines = try await req.catalogue.search(nil, limit: 500).filter(\.nationalCompassionateUseList).map {
            SelectOption(value: $0.id ?? "", label: $0.name, selected: $0.id == form.medicineId)
        }
        return try await req.view.render(
            "cu/new",
            CUFormContext(
                title: form.kind == "cup" ? "Ny CUP-rekvisisjon" : "Ny CUNP-sak", currentUser: UserView(user),
                csrf: CSRF.token(for: req), form: form, medicines: medicines,
                errors: failure?.messagesByField ?? [:]))
    }

    private func renderDeviations(_ req: Request, message: String?, errors: [String: String]) async throws -> View {
        let user = try req.user
        let list =
            CompassionateUseService.deviationReaders.contains(user.role)
            ? try await req.compassionateUse.deviations(for: user) : []
        return try await req.view.render(
            "cu/deviations",
            DeviationsContext(
                title: "Avvik", currentUser: UserView(user), csrf: CSRF.token(for: req),
                mayList: CompassionateUseService.deviationReaders.contains(user.role),
                deviations: list.map { .init(d: $0, created: $0.createdAt.map(OsloTime.date) ?? "") },
                categories: DeviationCategory.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: false)
                }, message: message, errors: errors))
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw CaseError.notFound }
        return id
    }

}

/// The domain value is sent as JSON as it is.
extension ManufacturerApplication: Content {}
