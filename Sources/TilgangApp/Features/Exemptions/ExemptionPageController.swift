import Fluent
import TilgangDomain
import Vapor

/// «Godkjenningsfritak» pages: lists, the application and notification forms, and the case with its actions.
/// Same service as the API.
struct ExemptionPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(SiteURL.exemptions).grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(use: list)
        pages.get("ny", use: applyForm)
        pages.post(use: apply)
        pages.get("notifisering", use: notifyForm)
        pages.post("notifisering", use: notify)
        pages.get(":id", use: show)
        pages.post(":id", "handling", use: act)
        pages.get(":id", "vedtak", use: letter)
    }

    /// The printable decision letter (approval with scope and period, or refusal with reasons and appeal).
    @Sendable
    func letter(req: Request) async throws -> View {
        let user = try req.user
        let letter = try await req.exemptions.decisionLetter(
            try ExemptionAPIController.id(req), by: user, today: req.clock.today)
        return try await req.view.render(
            "exemptions/letter",
            DecisionLetterContext(title: letter.title, currentUser: UserView(user), letter: letter))
    }

    /// Rows on one page of the desk's lists.
    static let pageSize = 100

    @Sendable
    func list(req: Request) async throws -> View {
        let user = try req.user
        let key = req.query[String.self, at: "liste"] ?? "todo"
        let list = ExemptionService.DeskList(rawValue: key) ?? .todo
        let today = req.clock.today
        let tabs = [("todo", "Til meg"), ("all", "Alle"), ("decided", "Avgjort")].map {
            CaseListContext.Tab(key: $0.0, label: $0.1, active: $0.0 == list.rawValue)
        }
        // The desk's search: the same filter as the API; a bad field shows beside the form, the list unfiltered.
        let query = ExemptionQueueFilter.Query(
            q: TextInputGuard.searchText(req, "q"), state: TextInputGuard.searchText(req, "status"),
            from: TextInputGuard.searchText(req, "fra"), to: TextInputGuard.searchText(req, "til"),
            overdue: req.query[String.self, at: "forsinket"] == "on", limit: nil, offset: nil)
        // Pages of 100, numbered from 1 (`side`); one row more is read to know whether there is a next page.
        let pageNumber = PageLinks.number(req.query[Int.self, at: "side"])
        var filter = ExemptionQueueFilter()
        var searchError: String?
        var invalid: Set<String> = []
        do {
            filter = try ExemptionQueueFilter(query)
            filter.offset = (pageNumber - 1) * Self.pageSize
        } catch let failure as ValidationFailure {
            searchError = failure.errors.map { "\(FieldLabels.label($0.field)): \($0.message)" }
                .joined(separator: "; ")
            invalid = Set(failure.errors.map(\.field))
        }
        filter.limit = Self.pageSize + 1
        let found = try await req.exemptions.page(list, matching: filter, for: user, today: today)
        let rows = found.prefix(Self.pageSize).map(ExemptionRowView.init)
        let counts = user.role == .agencyOfficer ? try await req.exemptions.counts(year: today.year, by: user) : nil
        return try await req.view.render(
            "exemptions/list",
            ExemptionListContext(
                title: "Godkjenningsfritak", currentUser: UserView(user), tabs: tabs,
                rows: ExemptionRowsHTML.render(Array(rows)), hasRows: !rows.isEmpty,
                pages: PageLinks(
                    path: "/fritak",
                    query: [
                        ("liste", list.rawValue), ("q", query.q ?? ""), ("status", query.state ?? ""),
                        ("fra", query.from ?? ""), ("til", query.to ?? ""),
                        ("forsinket", query.overdue == true ? "on" : ""),
                    ], number: pageNumber, hasMore: found.count > Self.pageSize),
                mayApply: ExemptionService.applicantRoles.contains(user.role),
                mayNotify: user.role == .hospitalPharmacist, counts: counts,
                search: .init(
                    list: list.rawValue, q: query.q ?? "", status: query.state ?? "", from: query.from ?? "",
                    to: query.to ?? "", overdue: query.overdue ?? false),
                states: ExemptionState.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == query.state)
                }, searchError: searchError,
                invalid: .init(
                    status: invalid.contains("state"), from: invalid.contains("from"), to: invalid.contains("to")),
                isAgency: user.role == .agencyOfficer))
    }

    @Sendable
    func applyForm(req: Request) async throws -> View {
        // A read-only role gets no form it cannot send.
        let user = try req.user
        guard ExemptionService.applicantRoles.contains(user.role) else {
            throw Abort(.forbidden, reason: "Rollen «\(user.role.title)» kan ikke søke om godkjenningsfritak.")
        }
        var form = ExemptionForm()
        form.fromCaseId = req.query[String.self, at: "fraSak"]
        return try await renderForm(req, form: form, notification: false, failure: nil)
    }

    @Sendable
    func notifyForm(req: Request) async throws -> View {
        let user = try req.user
        guard user.role == .hospitalPharmacist else {
            throw Abort(.forbidden, reason: "Bare sykehusapoteket registrerer notifiseringer.")
        }
        return try await renderForm(req, form: ExemptionForm(), notification: true, failure: nil)
    }

    @Sendable
    func apply(req: Request) async throws -> Response {
        let form = try req.content.decode(ExemptionForm.self)
        do {
            let created = try await req.exemptions.apply(
                try form.input(), by: try req.user, today: req.clock.today, cases: req.cases)
            return req.redirect(to: SiteURL.record(SiteURL.exemptions, id: created.id.uuidString))
        } catch let failure as ValidationFailure {
            return try await renderForm(req, form: form, notification: false, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func notify(req: Request) async throws -> Response {
        let form = try req.content.decode(ExemptionForm.self)
        do {
            let created = try await req.exemptions.notify(
                try form.input(), by: try req.user, today: req.clock.today)
            return req.redirect(to: SiteURL.record(SiteURL.exemptions, id: created.id.uuidString))
        } catch let failure as ValidationFailure {
            return try await renderForm(req, form: form, notification: true, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func show(req: Request) async throws -> View {
        try await render(req, id: try ExemptionAPIController.id(req), message: Flash.take(req))
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        let id = try ExemptionAPIController.id(req)
        var input = try req.content.decode(ExemptionActionInput.self)
        input.acknowledgeSimilarity = req.content[String.self, at: "acknowledgeSimilarity"] == "true"
        let version = req.content[Int.self, at: "version"] ?? -1
        do {
            _ = try await req.exemptions.act(
                input, on: id, expectedVersion: version, by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.exemptions, id: id.uuidString), "Handlingen er lagret.")
        } catch let error as ExemptionServiceError {
            return try await render(req, id: id, message: error.reason).encodeResponse(status: error.status, for: req)
        } catch let error as CaseError {
            return try await render(req, id: id, message: error.reason).encodeResponse(status: error.status, for: req)
        } catch let failure as ValidationFailure {
            let similar = failure.errors.contains { $0.field == "reasons" && $0.message.contains("nesten lik") }
            return try await render(
                req, id: id, message: failure.errors.map(\.message).joined(separator: "; "),
                similarityWarning: similar ? input.reasons : nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    private func render(_ req: Request, id: UUID, message: String?, similarityWarning: String? = nil) async throws
        -> View
    {
        let user = try req.user
        let today = req.clock.today
        let dto = try await req.exemptions.read(id, by: user, today: today)
        var departmentName: String?
        if let code = dto.departmentCode { departmentName = try await DepartmentModel.find(code, on: req.db)?.name }
        return try await req.view.render(
            "exemptions/show",
            ExemptionDetailContext(
                dto, user: user, csrf: CSRF.token(for: req),
                actions: req.exemptions.availableActions(dto, for: user, today: today),
                message: message,
                similarityWarning: similarityWarning, today: today, departmentName: departmentName))
    }

    private func renderForm(
        _ req: Request, form: ExemptionForm, notification: Bool, failure: ValidationFailure?
    ) async throws -> View {
        let user = try req.user
        let medicines = try await req.catalogue.search(nil, limit: 500).map {
            SelectOption(
                value: $0.id ?? "", label: PathwayPageContextBuilder.label($0), selected: $0.id == form.medicineId)
        }
        let kinds: [(Applicant.Kind, String)] = [
            (.hospitalSpecialist, "Spesialist ansatt på sykehus"), (.generalPractitioner, "Allmennlege"),
            (.dentist, "Tannlege"), (.veterinarian, "Veterinær"),
        ]
        let offered = kinds.filter { notification || $0.0 != .hospitalSpecialist }
        var registeredAs: String?
        if !notification, let hpr = try await UserModel.find(user.id, on: req.db)?.hprNumber,
            let authorisation = try await HPRRegisterService(database: req.db).authorisation(hpr: hpr)
        {
            registeredAs = authorisation.outsideHospitalKind.title
        }
        let errors = failure?.messagesByField ?? [:]
        return try await req.view.render(
            "exemptions/new",
            ExemptionFormContext(
                title: notification ? "Registrer notifisering" : "Søknad om godkjenningsfritak",
                currentUser: UserView(user), csrf: CSRF.token(for: req), form: form, notification: notification,
                hospitalApplicant: !notification && ExemptionDraftValidator.hospitalApplicants.contains(user.role),
                registeredAs: registeredAs, medicines: medicines,
                applicantKinds: offered.map {
                    SelectOption(value: $0.0.rawValue, label: $0.1, selected: $0.0.rawValue == form.applicantKind)
                },
                scopes: ExemptionScope.allCases.map {
                    SelectOption(
                        value: $0.rawValue, label: $0.title, selected: $0.rawValue == (form.scope ?? "patient"))
                },
                errors: errors, hasErrors: failure != nil))
    }
}
