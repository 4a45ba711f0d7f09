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
        pages.get(SiteURL.cases, ":id", "rediger", use: editForm)
        pages.post(SiteURL.cases, ":id", "rediger", use: amend)
        pages.post(SiteURL.cases, ":id", "revider", use: revise)
    }

    /// The applicant's edit form for an application that is with them (draft, returned, more information asked).
    @Sendable
    func editForm(req: Request) async throws -> Response {
        let user = try req.user
        let id = try CaseAPIController.caseID(req)
        do {
            let record = try await req.cases.editable(id, by: user)
            return try await renderForm(req, input: CaseService.input(record), failure: nil, editing: record)
                .encodeResponse(for: req)
        } catch let error as CaseError {
            return try await renderCase(req, id: id, message: error.reason).encodeResponse(
                status: error.status, for: req)
        }
    }

    @Sendable
    func amend(req: Request) async throws -> Response {
        let user = try req.user
        let id = try CaseAPIController.caseID(req)
        let input = try req.content.decode(CaseDraftForm.self).input
        let version = req.content[Int.self, at: "version"] ?? -1
        do {
            _ = try await req.cases.amend(input, on: id, expectedVersion: version, by: user)
            return Flash.redirect(req, to: SiteURL.record(SiteURL.cases, id: id.uuidString), "Endringene er lagret.")
        } catch let failure as ValidationFailure {
            // Everything typed comes back, with the error beside its field. The case is read again only here.
            let record = try await req.cases.editable(id, by: user)
            return try await renderForm(req, input: input, failure: failure, editing: record, version: version)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch CaseError.versionConflict(let current) {
            let failure = ValidationFailure(
                field: "version",
                message: "Søknaden er endret et annet sted (nå versjon \(current)). Teksten din står under; "
                    + "kopier det du vil beholde og last siden på nytt.")
            let record = try await req.cases.editable(id, by: user)
            return try await renderForm(req, input: input, failure: failure, editing: record, version: version)
                .encodeResponse(status: .conflict, for: req)
        }
    }

    /// A refused application becomes a new linked draft, opened in the edit form.
    @Sendable
    func revise(req: Request) async throws -> Response {
        let user = try req.user
        let id = try CaseAPIController.caseID(req)
        do {
            let created = try await req.cases.revise(id, by: user)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.cases, id: created.id.uuidString, then: "rediger"),
                "Ny søknad \(created.caseNumber) er opprettet som revisjon av den avslåtte saken.")
        } catch let error as CaseError {
            return try await renderCase(req, id: id, message: error.reason).encodeResponse(
                status: error.status, for: req)
        }
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
        let unread = try await req.notices.unreadWaitingCount(for: user.id)
        let tabs = [("todo", "Til meg"), ("unit", "Min enhet"), ("decided", "Avgjort")].map {
            CaseListContext.Tab(
                key: $0.0, label: $0.1, active: $0.0 == list.rawValue,
                count: $0.0 == "todo" && unread > 0 ? unread : nil)
        }
        let form = CaseListContext.SearchForm(
            q: TextInputGuard.searchText(req, "q") ?? "", status: TextInputGuard.searchText(req, "status") ?? "",
            from: TextInputGuard.searchText(req, "fra") ?? "", to: TextInputGuard.searchText(req, "til") ?? "",
            sort: TextInputGuard.searchText(req, "sorter") ?? "")
        // Pages of 100, numbered from 1 (`side`).
        let pageNumber = PageLinks.number(req.query[Int.self, at: "side"])
        var paging = CasePaging()
        paging.offset = (pageNumber - 1) * paging.limit
        var cases: [CaseSummaryView] = []
        var hasMore = false
        var searchError: String?
        do {
            let search = try CaseSearch(text: form.q, state: form.status, from: form.from, to: form.to, sort: form.sort)
            let page = try await req.cases.list(list, matching: search, page: paging, for: user)
            let now = req.clock.now
            cases = page.cases.map { CaseSummaryView($0, now: now) }
            hasMore = page.hasMore
        } catch let failure as ValidationFailure {
            searchError = failure.errors.map { "\(CaseListContext.SearchForm.label($0.field)) \($0.message)" }
                .joined(separator: "; ")
        }
        return try await req.view.render(
            "cases/list",
            CaseListContext(
                title: "Saker", currentUser: UserView(user), tabs: tabs, list: list.rawValue,
                rows: CaseRowsHTML.render(cases), hasCases: !cases.isEmpty,
                pages: CaseListContext.pages(list: list.rawValue, search: form, number: pageNumber, hasMore: hasMore),
                mayApply: CaseService.applicantRoles.contains(user.role), search: form, searchError: searchError,
                states: CaseState.allCases.map {
                    .init(key: $0.rawValue, label: $0.title, selected: $0.rawValue == form.status)
                },
                sorts: CaseSort.allCases.map {
                    .init(
                        key: $0.rawValue, label: $0.title,
                        selected: $0.rawValue == (form.sort.isEmpty ? "newest" : form.sort))
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
        let input = try req.content.decode(CaseDraftForm.self).input
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
            let view = try await renderCase(req, id: id, message: error.reason, typed: input)
            return try await view.encodeResponse(status: error.status, for: req)
        } catch let failure as ValidationFailure {
            let message = failure.errors.map { "\(FieldLabels.label($0.field)): \($0.message)" }
                .joined(separator: " ")
            let view = try await renderCase(req, id: id, message: message, typed: input)
            return try await view.encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func renderCase(
        _ req: Request, id: UUID, message: String?, template: String = "cases/show", typed: CaseActionInput? = nil,
        attachmentForm: AttachmentFormState = AttachmentFormState()
    ) async throws -> View {
        let user = try req.user
        let (dto, access, record) = try await req.cases.readWithAccess(id, by: user)
        // Under a grant of access to earlier applications the case is read-only: no steps, no attachments. Read
        // by role, the case just read is the one the steps and the attachments are for (not read twice more).
        let people = try await req.cases.people(user, on: req.db)
        let (names, waitingFor) =
            access.grant == nil ? try await req.cases.nextSteps(record, for: user, people: people) : ([], nil)
        let transitions = dto.transitions.map(CaseDetailContext.TransitionView.init)
        var context = CaseDetailContext(
            title: "Sak \(dto.caseNumber)", currentUser: UserView(user), csrf: CSRF.token(for: req), c: dto,
            maskedPatient: dto.patientNIN.flatMap(NationalIdentityNumber.init)?.masked,
            printedAt: OsloTime.dateTime(req.clock.now), created: dto.createdAt.map(OsloTime.dateTime) ?? "",
            decided: dto.decidedAt.map(OsloTime.date), transitions: transitions,
            actions: names.filter { $0 != "revise" }.map(CaseActionLabels.view), message: message,
            approved: dto.state == CaseState.approved.rawValue, waitingFor: waitingFor,
            routeTitle: Route(rawValue: dto.route)?.title ?? dto.route, rules: CaseDetailContext.rules(dto.routeRules))
        context.fillRecord()
        // The archive copy shows the organisations' names and lists the history with its own loop; the case page
        // shows no names and its history comes written (`TransitionListHTML`).
        if template == "cases/archive" {
            try await context.fillNames(on: req.db)
        } else {
            context.history = TransitionListHTML.render(transitions)
        }
        let state = CaseState(rawValue: dto.state) ?? .draft
        if names.contains("assess"), let step = ApprovalChain.all[dto.chainVersion]?.step(for: state) {
            let committee = step.requiresMembers ? try await req.cases.committeeMembers(of: dto.trust) : []
            let picked = Set(typed?.members ?? [user.id.uuidString])
            context.assessForm = CaseDetailContext.AssessForm(
                kinds: step.assessmentKinds.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == typed?.assessmentKind)
                }, requiresPriority: step.requiresPriority, requiresMembers: step.requiresMembers,
                committee: committee.map {
                    SelectOption(
                        value: $0.id.uuidString, label: $0.name + ($0.id == user.id ? " (deg)" : ""),
                        selected: picked.contains($0.id.uuidString))
                })
        }
        context.mayEdit = state.isWithApplicant && (names.contains("submit") || names.contains("supply_supplement"))
        context.mayRevise = names.contains("revise")
        if let revised = dto.revisesCaseId, let number = try await CaseModel.find(revised, on: req.db)?.caseNumber {
            context.revises = .init(id: revised.uuidString, caseNumber: number)
        }
        context.revisions = try await req.cases.revisions(of: id).map {
            .init(id: $0.id.uuidString, caseNumber: $0.caseNumber)
        }
        context.typed = typed
        context.unsavedText = CaseDetailContext.unsaved(typed, actions: context.actions)
        if let grant = access.grant {
            context.readOnlyGrant =
                "Du leser denne søknaden med innsynstilgang (tidligere søknader), gyldig til og med "
                + "\(grant.lastDay.norwegian). Du kan bare lese; lesingen er logget."
        } else {
            context.attachments = try await req.attachments.section(
                record, for: user, actions: names, form: attachmentForm)
        }
        return try await req.view.render(template, context)
    }

    /// The application form; for a launch from the EHR (`launched`) the patient is the launch's, shown masked,
    /// and the form posts to the launch.
    func renderForm(
        _ req: Request, input: CaseDraftInput, failure: ValidationFailure?, editing: CaseRecord? = nil,
        version: Int? = nil, launched: EHRLaunchPatient? = nil
    ) async throws -> View {
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
                other.append(
                    error.field == "version" ? error.message : "\(FieldLabels.label(error.field)): \(error.message)")
            }
        }
        var context = CaseFormContext(
            title: editing.map { "Endre søknad \($0.caseNumber)" } ?? "Ny søknad", currentUser: UserView(user),
            csrf: CSRF.token(for: req), input: input, individual: input.kind != "group", medicines: medicines,
            trusts: trusts, errors: errors, otherErrors: other, hasErrors: failure != nil)
        if let launched {
            context.formAction = SiteURL.record(
                EHRLaunchPageController.start, id: launched.launchID, then: EHRLaunchPageController.newApplication)
            context.launched = .init(maskedPatient: launched.patient.masked, name: launched.name)
        }
        if let editing, let id = editing.id as UUID? {
            context.formAction = SiteURL.record(SiteURL.cases, id: id.uuidString, then: "rediger")
            context.editing = editing.caseNumber
            context.version = version ?? editing.version
            if let revised = editing.revisesCaseID {
                context.revises = try await CaseModel.find(revised, on: req.db)?.caseNumber
            }
        }
        return try await req.view.render("cases/new", context)
    }
}
