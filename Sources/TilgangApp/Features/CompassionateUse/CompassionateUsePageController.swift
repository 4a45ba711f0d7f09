import TilgangDomain
import Vapor

/// Compassionate use as pages (`/cu`, `/avvik`): the case list, the CUP and CUNP forms, the case with its
/// actions, the manufacturer application, the CU register and deviations. Same service as the API.
struct CompassionateUsePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(SiteURL.compassionateUse, use: list)
        pages.get(SiteURL.compassionateUse, "ny", use: newForm)
        pages.get(SiteURL.compassionateUse, "register", use: register)
        pages.post(SiteURL.compassionateUse, use: create)
        pages.get(SiteURL.compassionateUse, ":id", use: show)
        pages.post(SiteURL.compassionateUse, ":id", "handling", use: act)
        pages.get(SiteURL.compassionateUse, ":id", "produsentsoknad", use: manufacturer)
        pages.post(SiteURL.compassionateUse, ":id", "produsentsoknad", use: manufacturerText)
        pages.get(SiteURL.deviations, use: deviations)
        pages.post(SiteURL.deviations, use: report)
    }

    @Sendable
    func register(req: Request) async throws -> View {
        try await req.view.render(
            "cu/register",
            CURegisterContext(
                title: "CU-registeret", currentUser: UserView(try req.user),
                entries: try await req.compassionateUse.register()))
    }

    @Sendable
    func list(req: Request) async throws -> View {
        let user = try req.user
        return try await req.view.render(
            "cu/list",
            CUListContext(
                title: "Compassionate use", currentUser: UserView(user),
                cases: try await req.compassionateUse.list(for: user),
                mayRequest: CUPWorkflow.requesterRoles.contains(user.role)))
    }

    @Sendable
    func newForm(req: Request) async throws -> View {
        let user = try req.user
        guard CUPWorkflow.requesterRoles.contains(user.role) else {
            throw Abort(
                .forbidden, reason: "Rollen «\(user.role.title)» kan ikke opprette saker om compassionate use.")
        }
        var form = CUCaseForm()
        form.kind = req.query[String.self, at: "type"] == "cup" ? "cup" : "cunp"
        return try await renderForm(req, form: form, failure: nil)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
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
    func show(req: Request) async throws -> View {
        try await render(req, id: try CompassionateUseAPIController.id(req), message: Flash.take(req))
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        let id = try CompassionateUseAPIController.id(req)
        var input = try req.content.decode(CUActionInput.self)
        input.sykehusinnkjopContacted = req.content[String.self, at: "sykehusinnkjopContacted"] == "true"
        input.externalConfirmed = req.content[String.self, at: "externalConfirmed"] == "true"
        let version = req.content[Int.self, at: "version"] ?? -1
        do {
            _ = try await req.compassionateUse.act(input, on: id, expectedVersion: version, by: try req.user)
            return Flash.redirect(req, to: SiteURL.record(SiteURL.compassionateUse, id: id.uuidString), "Lagret.")
        } catch let error as AbortError {
            return try await render(req, id: id, message: error.reason, form: input)
                .encodeResponse(status: error.status, for: req)
        } catch let failure as ValidationFailure {
            // The message names each field by its label; the typed values stay in the form.
            let message = failure.errors.map { "\(FieldLabels.label($0.field)): \($0.message)" }
                .joined(separator: " ")
            return try await render(req, id: id, message: message, form: input, errors: failure.messagesByField)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func manufacturer(req: Request) async throws -> View {
        try await renderManufacturer(req, input: nil, errors: [], message: Flash.take(req))
    }

    /// Saves the de-identified text; what the check found is shown beside the field, and the text stays in it.
    @Sendable
    func manufacturerText(req: Request) async throws -> Response {
        let input = try req.content.decode(CompassionateUseService.ManufacturerTextInput.self)
        let id = try CompassionateUseAPIController.id(req)
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

    private func renderManufacturer(
        _ req: Request, input: CompassionateUseService.ManufacturerTextInput?, errors: [FieldError], message: String?
    ) async throws -> View {
        let user = try req.user
        let id = try CompassionateUseAPIController.id(req)
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
    func deviations(req: Request) async throws -> View {
        try await renderDeviations(req, message: Flash.take(req), errors: [:])
    }

    @Sendable
    func report(req: Request) async throws -> Response {
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

    private func render(
        _ req: Request, id: UUID, message: String?, form: CUActionInput = CUActionInput(),
        errors: [String: String] = [:]
    ) async throws -> View {
        let user = try req.user
        let dto = try await req.compassionateUse.read(id, by: user)
        let actions = try await req.compassionateUse.availableActions(dto, for: user)
        return try await req.view.render(
            "cu/show",
            CUDetailContext(
                title: "Sak \(dto.reference)", currentUser: UserView(user), csrf: CSRF.token(for: req), c: dto,
                // The department by name, not its internal code.
                departmentName: try await DepartmentModel.find(dto.department, on: req.db)?.name ?? dto.department,
                maskedPatient: dto.patientMasked,
                openTitles: dto.openGates.compactMap { CUNPGate(rawValue: $0)?.title },
                actions: actions.map { CUActionView($0, role: user.role) },
                message: message,
                events: dto.events.map {
                    .init(
                        action: CUActionView.label($0.action), actor: $0.actor,
                        role: Role(rawValue: $0.actorRole)?.title ?? $0.actorRole, comment: $0.comment,
                        at: $0.at.map(OsloTime.dateTime) ?? "")
                }, link: CUDetailContext.link(dto.exemptionLink), agreement: CUDetailContext.agreement(dto),
                form: form, errors: errors))
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
                mayReport: try await TrustModel.find(user.organisation, on: req.db) != nil,
                mayList: CompassionateUseService.deviationReaders.contains(user.role),
                deviations: list.map { .init(d: $0, created: $0.createdAt.map(OsloTime.date) ?? "") },
                categories: DeviationCategory.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: false)
                }, message: message, errors: errors))
    }
}
