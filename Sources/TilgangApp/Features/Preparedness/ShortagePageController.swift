import TilgangDomain
import Vapor

/// Shortage pages: record one, follow it (end, measures), read its proposals, log the forum's decisions and the
/// batches produced.
struct ShortagePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = PreparednessPageController.pages(routes)
        pages.get(SiteURL.preparedness, "mangler", "ny", use: newPage)
        pages.post(SiteURL.preparedness, "mangler", use: create)
        pages.get(SiteURL.preparedness, "mangler", ":id", use: show)
        pages.post(SiteURL.preparedness, "mangler", ":id", use: update)
        pages.post(SiteURL.preparedness, "mangler", ":id", "beslutning", use: decide)
        pages.post(SiteURL.preparedness, "mangler", ":id", "produsert", use: produce)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw PreparednessError.notFound("mangelen") }
        return id
    }

    @Sendable
    func newPage(req: Request) async throws -> View {
        // Only those who may record a shortage are shown its form.
        try PreparednessAccess.requireWrite(try req.user)
        var form = ShortageFormValues()
        form.medicineId = req.query[String.self, at: "medicine"] ?? ""
        form.start = req.clock.today.norwegian
        return try await renderNew(req, form: form, errors: [:])
    }

    private func renderNew(_ req: Request, form: ShortageFormValues, errors: [String: String]) async throws -> View {
        let medicines = try await req.catalogue.search(nil, limit: 500)
        return try await req.view.render(
            "preparedness/new-shortage",
            NewShortageContext(
                title: "Registrer mangel", currentUser: UserView(try req.user), csrf: CSRF.token(for: req), form: form,
                medicines: medicines.map {
                    SelectOption(
                        value: $0.id ?? "", label: "\($0.name) (\($0.atc))", selected: $0.id == form.medicineId)
                }, errors: errors))
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ShortageInput.self)
        do {
            let created = try await req.shortages.record(input, by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.preparedness, SiteURL.shortages, id: created.id.uuidString),
                "Mangelen er registrert.")
        } catch let failure as ValidationFailure {
            return try await renderNew(req, form: ShortageFormValues(input), errors: failure.labelledMessagesByField)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func show(req: Request) async throws -> View {
        try await render(req, form: nil, errors: [:], message: Flash.take(req))
    }

    private func render(
        _ req: Request, form: ShortageFormValues?, errors: [String: String], message: String?,
        decisionErrors: [String: String] = [:], producedErrors: [String: String] = [:],
        decisionForm: ForumDecisionInput = ForumDecisionInput(kind: "", site: "", quantity: "", note: ""),
        producedForm: ProducedForm = ProducedForm(site: "", batch: "", producedOn: "", quantity: "", remaining: "")
    ) async throws -> View {
        let user = try req.user
        let id = try Self.id(req)
        let shortage = try await req.shortages.read(id, today: req.clock.today)
        return try await req.view.render(
            "preparedness/shortage",
            ShortageContext(
                title: "Mangel: \(shortage.medicineName)", currentUser: UserView(user),
                mayWrite: PreparednessAccess.mayWrite(user), csrf: CSRF.token(for: req), shortage: shortage,
                form: form ?? ShortageFormValues(shortage),
                proposal: try await req.proposals.proposal(for: shortage.medicineId, on: req.clock.today),
                decisions: try await req.proposals.decisions().filter { $0.shortageId == id },
                produced: try await req.shortages.produced(today: req.clock.today).filter { $0.shortageId == id },
                siteNames: try await req.productionSites.sites().map(\.site.name), errors: errors,
                decisionErrors: decisionErrors, producedErrors: producedErrors, decisionForm: decisionForm,
                producedForm: producedForm, message: message))
    }

    struct UpdateForm: Content {
        var version: Int?
    }

    @Sendable
    func update(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let input = try req.content.decode(ShortageInput.self)
        let version = try req.content.decode(UpdateForm.self).version ?? 0
        do {
            _ = try await req.shortages.update(
                id, input, expectedVersion: version, by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.preparedness, SiteURL.shortages, id: id.uuidString),
                "Mangelen er oppdatert.")
        } catch let failure as ValidationFailure {
            return try await render(
                req, form: ShortageFormValues(input, version: version), errors: failure.labelledMessagesByField,
                message: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch let error as PreparednessError {
            return try await render(req, form: nil, errors: [:], message: error.reason)
                .encodeResponse(status: error.status, for: req)
        }
    }

    @Sendable
    func decide(req: Request) async throws -> Response {
        let id = try Self.id(req)
        var input = try req.content.decode(ForumDecisionInput.self)
        input.shortageId = id
        input.medicineId = try await req.shortages.read(id, today: req.clock.today).medicineId
        do {
            _ = try await req.proposals.record(input, by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.preparedness, SiteURL.shortages, id: id.uuidString),
                "Beslutningen er ført i loggen.")
        } catch let failure as ValidationFailure {
            let typed = ForumDecisionInput(
                kind: input.kind ?? "", site: input.site ?? "", quantity: input.quantity ?? "", note: input.note ?? "")
            return try await render(
                req, form: nil, errors: [:], message: nil, decisionErrors: failure.labelledMessagesByField,
                decisionForm: typed
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func produce(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let input = try req.content.decode(ProducedForm.self)
        do {
            try input.checkNumbers()
            _ = try await req.shortages.recordProduced(input.input, for: id, by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.preparedness, SiteURL.shortages, id: id.uuidString),
                "Produksjonen er registrert.")
        } catch let failure as ValidationFailure {
            return try await render(
                req, form: nil, errors: [:], message: nil, producedErrors: failure.labelledMessagesByField,
                producedForm: input.typed
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// Numbers from a form arrive as text; a non-number is named rather than a 400.
    struct ProducedForm: Content {
        var site: String?
        var batch: String?
        var producedOn: String?
        var quantity: String?
        var remaining: String?

        /// A quantity or remainder that is typed but is no whole number is named, not read as empty.
        func checkNumbers() throws {
            var errors: [FieldError] = []
            for (field, text) in [("quantity", quantity), ("remaining", remaining)] {
                let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, Int(trimmed) == nil {
                    errors.append(FieldError(field: field, message: "oppgi et heltall"))
                }
            }
            if !errors.isEmpty { throw ValidationFailure(errors) }
        }

        /// The form as typed, every field present, to show again.
        var typed: ProducedForm {
            ProducedForm(
                site: site ?? "", batch: batch ?? "", producedOn: producedOn ?? "", quantity: quantity ?? "",
                remaining: remaining ?? "")
        }

        var input: ProducedBatchInput {
            ProducedBatchInput(
                site: site, batch: batch, producedOn: producedOn,
                quantity: quantity.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                remaining: remaining.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        }
    }
}
