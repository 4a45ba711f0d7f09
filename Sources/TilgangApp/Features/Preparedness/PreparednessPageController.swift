import TilgangDomain
import Vapor

/// «Beredskap»: the dashboard, the critical-medicine register's entries and the weights (pages, session + CSRF).
struct PreparednessPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = Self.pages(routes)
        pages.get(SiteURL.preparedness, use: dashboard)
        pages.post(SiteURL.preparedness, "legemidler", use: add)
        pages.get(SiteURL.preparedness, "legemidler", ":medicineId", use: entry)
        pages.post(SiteURL.preparedness, "legemidler", ":medicineId", use: assess)
        pages.get(SiteURL.preparedness, "vekter", use: weights)
        pages.post(SiteURL.preparedness, "vekter", use: setWeights)
    }

    /// Signed in (else to the login page), CSRF on posts, and a role that may read the register.
    static func pages(_ routes: any RoutesBuilder) -> any RoutesBuilder {
        routes.grouped(
            SessionUserAuthenticator(), AuthenticatedUser.redirectMiddleware { SiteURL.signIn(returningTo: $0) },
            CSRFMiddleware(), PreparednessReaderMiddleware())
    }

    @Sendable
    func dashboard(req: Request) async throws -> View {
        try await render(req, error: nil, message: Flash.take(req))
    }

    private func render(_ req: Request, error: String?, message: String?) async throws -> View {
        let user = try req.user
        let today = req.clock.today
        let ranking = try await req.criticalMedicines.ranking(today: today)
        var active: [PreparednessDashboardContext.ActiveShortage] = []
        for shortage in try await req.shortages.list(activeOn: today, today: today) {
            let proposal = try await req.proposals.proposal(for: shortage.medicineId, on: today)
            active.append(
                .init(
                    shortage: shortage, bestSite: proposal.proposal.candidates.first?.site,
                    candidates: proposal.proposal.candidates.count))
        }
        let onRegister = Set(ranking.map(\.medicineId))
        let medicines = try await req.catalogue.search(nil, limit: 500).filter { !onRegister.contains($0.id ?? "") }
        let bars = PreparednessDashboardContext.bars(
            try await ShortageService.domainShortages(on: req.db).map(\.1), thisYear: today.year)
        return try await req.view.render(
            "preparedness/dashboard",
            PreparednessDashboardContext(
                title: "Beredskap", currentUser: UserView(user), mayWrite: PreparednessAccess.mayWrite(user),
                csrf: CSRF.token(for: req), ranking: ranking, active: active,
                stranded: try await req.shortages.produced(today: today).filter(\.stranded),
                decisions: Array(try await req.proposals.decisions().prefix(10)), bars: bars,
                chartWidth: max(200, bars.count * 44 + 20),
                medicines: medicines.map {
                    SelectOption(value: $0.id ?? "", label: "\($0.name) (\($0.atc))", selected: false)
                }, error: error, message: message))
    }

    @Sendable
    func add(req: Request) async throws -> Response {
        let input = try req.content.decode(AddCriticalMedicineInput.self)
        do {
            let entry = try await req.criticalMedicines.add(input, by: try req.user, today: req.clock.today)
            return req.redirect(
                to: SiteURL.record(SiteURL.preparedness, SiteURL.criticalMedicines, id: entry.medicineId))
        } catch let failure as ValidationFailure {
            return try await render(req, error: failure.description, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func entry(req: Request) async throws -> View {
        try await renderEntry(req, message: Flash.take(req), failure: nil)
    }

    private func renderEntry(_ req: Request, message: String?, failure: ValidationFailure?) async throws -> View {
        let user = try req.user
        let id = req.parameters.get("medicineId") ?? ""
        let entry = try await req.criticalMedicines.entry(id, today: req.clock.today)
        let errors = failure?.errors ?? []
        let rows = entry.criteria.map { c in
            let criterion = PreparednessCriterion(rawValue: c.criterion)
            let scale = criterion?.scale ?? []
            return CriticalMedicineContext.CriterionRow(
                criterion: c,
                options: [SelectOption(value: "", label: "ikke vurdert", selected: c.level == nil)]
                    + scale.enumerated().map {
                        SelectOption(
                            value: String($0.offset), label: "\($0.offset): \($0.element)",
                            selected: c.level == $0.offset)
                    },
                error: errors.first { $0.field.hasPrefix("criteria.\(c.criterion)") }?.message)
        }
        return try await req.view.render(
            "preparedness/medicine",
            CriticalMedicineContext(
                title: entry.name, currentUser: UserView(user), mayWrite: PreparednessAccess.mayWrite(user),
                csrf: CSRF.token(for: req), entry: entry, rows: rows,
                shortages: try await req.shortages.list(today: req.clock.today).filter { $0.medicineId == id },
                message: message, error: failure?.description))
    }

    /// The form posts `level_<criterion>` and `evidence_<criterion>` for each criterion, and the version it saw.
    @Sendable
    func assess(req: Request) async throws -> Response {
        let id = req.parameters.get("medicineId") ?? ""
        let fields = try req.content.decode([String: String].self)
        var criteria: [String: AssessmentInput.Entry] = [:]
        for criterion in PreparednessCriterion.allCases where !criterion.isDerivedFromShortages {
            let level = (fields["level_\(criterion.rawValue)"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !level.isEmpty else { continue }
            criteria[criterion.rawValue] = .init(
                level: Int(level) ?? -1, evidence: fields["evidence_\(criterion.rawValue)"])
        }
        do {
            _ = try await req.criticalMedicines.assess(
                id, AssessmentInput(criteria: criteria), expectedVersion: Int(fields["version"] ?? "") ?? 0,
                by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.preparedness, SiteURL.criticalMedicines, id: id),
                "Vurderingen er lagret.")
        } catch let failure as ValidationFailure {
            return try await renderEntry(req, message: nil, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch let error as PreparednessError {
            return try await renderEntry(req, message: error.reason, failure: nil)
                .encodeResponse(status: error.status, for: req)
        }
    }

    @Sendable
    func weights(req: Request) async throws -> View {
        try await renderWeights(req, errors: [:], message: Flash.take(req), given: nil)
    }

    private func renderWeights(_ req: Request, errors: [String: String], message: String?, given: [String: String]?)
        async throws -> View
    {
        let user = try req.user
        var weights = try await req.criticalMedicines.weightsDTO().weights
        if let given {
            weights = weights.map {
                .init(
                    criterion: $0.criterion, title: $0.title, dimension: $0.dimension,
                    weight: Int(given[$0.criterion] ?? "") ?? $0.weight, defaultWeight: $0.defaultWeight)
            }
        }
        return try await req.view.render(
            "preparedness/weights",
            WeightsContext(
                title: "Vekter", currentUser: UserView(user), mayWrite: PreparednessAccess.mayWrite(user),
                csrf: CSRF.token(for: req), weights: weights, errors: errors, message: message))
    }

    @Sendable
    func setWeights(req: Request) async throws -> Response {
        var fields = try req.content.decode([String: String].self)
        fields["csrf"] = nil
        var raw: [String: Int] = [:]
        var errors: [String: String] = [:]
        for (key, value) in fields {
            if let number = Int(value.trimmingCharacters(in: .whitespaces)) {
                raw[key] = number
            } else {
                errors["weights.\(key)"] = "bruk et heltall fra 0 til 10"
            }
        }
        do {
            if !errors.isEmpty { throw ValidationFailure(errors.map { FieldError(field: $0.key, message: $0.value) }) }
            _ = try await req.criticalMedicines.setWeights(raw, by: try req.user)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.preparedness), "Vektene er lagret; rangeringen er regnet på nytt.")
        } catch let failure as ValidationFailure {
            return try await renderWeights(req, errors: failure.labelledMessagesByField, message: nil, given: fields)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
