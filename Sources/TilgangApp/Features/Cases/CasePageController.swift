import Fluent
import TilgangDomain
import Vapor

/// The portal's pages: work lists, new application, the case with its actions. Same service as the API.
struct CasePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware())
        pages.get(SiteURL.cases, use: list)
        pages.get(SiteURL.cases, "ny", use: newForm)
        pages.post(SiteURL.cases, use: create)
        pages.get(SiteURL.cases, ":id", use: show)
        pages.post(SiteURL.cases, ":id", "handling", use: act)
        pages.get(SiteURL.cases, ":id", "arkiv", use: archive)
    }

    /// The printable archive copy, which is also the complete paper form (SPEC §5.8–5.9).
    @Sendable
    func archive(req: Request) async throws -> View {
        try await renderCase(req, id: try CaseAPIController.caseID(req), message: nil, template: "cases/archive")
    }

    @Sendable
    func list(req: Request) async throws -> View {
        let user = try req.user
        let key = req.query[String.self, at: "liste"] ?? "todo"
        let list = CaseService.WorkList(rawValue: key) ?? .todo
        let tabs = [("todo", "Til meg"), ("unit", "Min enhet"), ("decided", "Avgjort")].map {
            CaseListContext.Tab(key: $0.0, label: $0.1, active: $0.0 == list.rawValue)
        }
        let form = CaseListContext.SearchForm(
            q: req.query[String.self, at: "q"] ?? "", status: req.query[String.self, at: "status"] ?? "",
            from: req.query[String.self, at: "fra"] ?? "", to: req.query[String.self, at: "til"] ?? "")
        // Pages of 100, numbered from 1 (`side`); a bad number shows the first, and the bound keeps the offset
        // from overflowing.
        let pageNumber = min(max(1, req.query[Int.self, at: "side"] ?? 1), 1_000_000)
        var paging = CasePaging()
        paging.offset = (pageNumber - 1) * paging.limit
        var cases: [CaseSummaryView] = []
        var hasMore = false
        var searchError: String?
        do {
            let search = try CaseSearch(text: form.q, state: form.status, from: form.from, to: form.to)
            let page = try await req.cases.list(list, matching: search, page: paging, for: user)
            cases = page.cases.map(CaseSummaryView.init)
            hasMore = page.hasMore
        } catch let failure as ValidationFailure {
            searchError = failure.errors.map { "\(CaseListContext.SearchForm.label($0.field)) \($0.message)" }
                .joined(separator: "; ")
        }
        return try await req.view.render(
            "cases/list",
            CaseListContext(
                title: "Saker", currentUser: UserView(user), tabs: tabs, list: list.rawValue, cases: cases,
                pages: CaseListContext.Pages(list: list.rawValue, search: form, number: pageNumber, hasMore: hasMore),
                mayApply: CaseService.applicantRoles.contains(user.role), search: form, searchError: searchError,
                states: CaseState.allCases.map {
                    .init(key: $0.rawValue, label: $0.title, selected: $0.rawValue == form.status)
                }))
    }

    @Sendable
    func newForm(req: Request) async throws -> View {
        let kind = req.query[String.self, at: "type"] == "group" ? "group" : "individual"
        var input = CaseDraftInput()
        input.kind = kind
        return try await renderForm(req, input: input, failure: nil)
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let user = try req.user
        var input = try req.content.decode(CaseDraftInput.self)
        input.patientInformed = req.content[String.self, at: "patientInformed"] == "on" || input.patientInformed == true
        input.helfoRefused = req.content[String.self, at: "helfoRefused"] == "on" || input.helfoRefused == true
        do {
            let created = try await req.cases.create(input, by: user, today: req.clock.today)
            return req.redirect(to: SiteURL.record(SiteURL.cases, id: created.id.uuidString))
        } catch let failure as ValidationFailure {
            return try await renderForm(req, input: input, failure: failure).encodeResponse(
                status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func show(req: Request) async throws -> View {
        try await renderCase(req, id: try CaseAPIController.caseID(req), message: Flash.take(req))
    }

    @Sendable
    func act(req: Request) async throws -> Response {
        let user = try req.user
        let id = try CaseAPIController.caseID(req)
        let input = try req.content.decode(CaseActionInput.self)
        let version = req.content[Int.self, at: "version"] ?? -1
        do {
            _ = try await req.cases.act(input, on: id, expectedVersion: version, by: user)
            return Flash.redirect(req, to: SiteURL.record(SiteURL.cases, id: id.uuidString), "Handlingen er lagret.")
        } catch let error as CaseError {
            let view = try await renderCase(req, id: id, message: error.reason)
            return try await view.encodeResponse(status: error.status, for: req)
        }
    }

    func renderCase(
        _ req: Request, id: UUID, message: String?, template: String = "cases/show",
        attachmentForm: AttachmentFormState = AttachmentFormState()
    ) async throws -> View {
        let user = try req.user
        let dto = try await req.cases.read(id, by: user)
        let (names, waitingFor) = try await req.cases.nextSteps(id, for: user)
        let actions = names.map(CaseActionLabels.view)
        let text = message
        return try await req.view.render(
            template,
            CaseDetailContext(
                title: "Sak \(dto.caseNumber)", currentUser: UserView(user), csrf: CSRF.token(for: req), c: dto,
                maskedPatient: dto.patientNIN.flatMap(NationalIdentityNumber.init)?.masked,
                printedAt: OsloTime.dateTime(req.clock.now),
                created: dto.createdAt.map(OsloTime.dateTime) ?? "", decided: dto.decidedAt.map(OsloTime.date),
                transitions: dto.transitions.map {
                    .init(
                        at: OsloTime.dateTime($0.at), actor: $0.actor, role: Role(rawValue: $0.actorRole)?.title ?? "",
                        trust: $0.actorTrust, onBehalfOf: $0.onBehalfOf,
                        from: CaseState(rawValue: $0.from)?.title ?? $0.from,
                        to: CaseState(rawValue: $0.to)?.title ?? $0.to, comment: $0.comment, benefit: $0.benefit,
                        resourceUse: $0.resourceUse, severity: $0.severity)
                }, actions: actions, message: text, approved: dto.state == CaseState.approved.rawValue,
                waitingFor: waitingFor, routeTitle: Route(rawValue: dto.route)?.title ?? dto.route,
                rules: CaseDetailContext.rules(dto.routeRules),
                attachments: try await req.attachments.section(id, for: user, actions: names, form: attachmentForm)))
    }

    private func renderForm(_ req: Request, input: CaseDraftInput, failure: ValidationFailure?) async throws -> View {
        let user = try req.user
        let medicines = try await req.catalogue.search(nil, limit: 500).map {
            SelectOption(
                value: $0.id ?? "", label: PathwayPageContextBuilder.label($0), selected: $0.id == input.medicineId)
        }
        let trusts = try await TrustModel.query(on: req.db).sort(\.$name).all().map {
            SelectOption(
                value: $0.id ?? "", label: $0.name, selected: ($0.id ?? "") == (input.patientTrust ?? user.organisation)
            )
        }
        var errors: [String: String] = [:]
        var other: [String] = []
        for error in failure?.errors ?? [] {
            if CaseFormFields.all.contains(error.field) {
                errors[error.field] = error.message
            } else {
                other.append(error.description)
            }
        }
        return try await req.view.render(
            "cases/new",
            CaseFormContext(
                title: "Ny søknad", currentUser: UserView(user), csrf: CSRF.token(for: req), input: input,
                individual: input.kind != "group", medicines: medicines, trusts: trusts, errors: errors,
                otherErrors: other, hasErrors: failure != nil))
    }
}
