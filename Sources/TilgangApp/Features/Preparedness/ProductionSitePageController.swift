import TilgangDomain
import Vapor

/// Production sites (list, edit) and the raw-material stock (list, add).
struct ProductionSitePageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pages = PreparednessPageController.pages(routes)
        pages.get(SiteURL.preparedness, "steder", use: sites)
        pages.get(SiteURL.preparedness, "steder", ":id", use: site)
        pages.post(SiteURL.preparedness, "steder", ":id", use: updateSite)
        pages.get(SiteURL.preparedness, "lager", use: stock)
        pages.post(SiteURL.preparedness, "lager", use: addStock)
    }

    @Sendable
    func sites(req: Request) async throws -> View {
        let user = try req.user
        return try await req.view.render(
            "preparedness/sites",
            SitesContext(
                title: "Produksjonssteder", currentUser: UserView(user), mayWrite: PreparednessAccess.mayWrite(user),
                sites: try await req.productionSites.sites()))
    }

    static func siteID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw PreparednessError.notFound("produksjonsstedet")
        }
        return id
    }

    @Sendable
    func site(req: Request) async throws -> View {
        let dto = try await req.productionSites.site(try Self.siteID(req))
        return try await renderSite(req, dto, errors: [:], message: Flash.take(req))
    }

    private func renderSite(_ req: Request, _ dto: ProductionSiteDTO, errors: [String: String], message: String?)
        async throws -> View
    {
        let user = try req.user
        let site = dto.site
        return try await req.view.render(
            "preparedness/site",
            SiteContext(
                title: site.name, currentUser: UserView(user), mayWrite: PreparednessAccess.mayWrite(user),
                csrf: CSRF.token(for: req), site: dto,
                kinds: ProductionSite.Kind.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: $0 == site.kind)
                },
                licences: ProductionSite.Licence.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: $0 == site.licence)
                },
                capacities: ProductionSite.SpareCapacity.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: $0 == site.spareCapacity)
                }, locations: site.locations.joined(separator: "; "),
                dosageForms: site.dosageForms.joined(separator: "; "), errors: errors, message: message))
    }

    struct SiteForm: Content {
        var version: Int?
        var name: String?
        var organisation: String?
        var locations: String?
        var kind: String?
        var licence: String?
        var sterile: String?
        var nonSterile: String?
        var dosageForms: String?
        var technology: String?
        var capacityNote: String?
        var spareCapacity: String?
    }

    @Sendable
    func updateSite(req: Request) async throws -> Response {
        let id = try Self.siteID(req)
        let form = try req.content.decode(SiteForm.self)
        let stored = try await req.productionSites.site(id)
        var reader = PreparednessInput()
        let kind: ProductionSite.Kind? = reader.choice(form.kind, "kind")
        let licence: ProductionSite.Licence? = reader.choice(form.licence, "licence")
        let capacity: ProductionSite.SpareCapacity? = reader.choice(form.spareCapacity ?? "", "spareCapacity")
        let site = ProductionSite(
            name: (form.name ?? "").trimmingCharacters(in: .whitespaces),
            organisation: (form.organisation ?? "").trimmingCharacters(in: .whitespaces),
            locations: PreparednessInput.list(form.locations), kind: kind ?? stored.site.kind,
            licence: licence ?? stored.site.licence, sterile: form.sterile == "true",
            nonSterile: form.nonSterile == "true",
            dosageForms: (form.dosageForms ?? "").split(whereSeparator: { $0 == ";" || $0.isNewline })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            technology: form.technology ?? "", capacityNote: form.capacityNote ?? "",
            spareCapacity: capacity ?? stored.site.spareCapacity)
        do {
            try reader.check()
            _ = try await req.productionSites.update(id, site, expectedVersion: form.version ?? 0, by: try req.user)
            return Flash.redirect(
                req, to: SiteURL.record(SiteURL.preparedness, SiteURL.sites, id: id.uuidString), "Stedet er lagret.")
        } catch let failure as ValidationFailure {
            let shown = ProductionSiteDTO(id: id, site: site, version: form.version ?? 0, updatedBy: stored.updatedBy)
            return try await renderSite(req, shown, errors: failure.labelledMessagesByField, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch let error as PreparednessError {
            return try await renderSite(req, stored, errors: [:], message: error.reason)
                .encodeResponse(status: error.status, for: req)
        }
    }

    @Sendable
    func stock(req: Request) async throws -> View {
        try await renderStock(req, form: StockInput(), quantity: "", errors: [:], message: Flash.take(req))
    }

    private func renderStock(
        _ req: Request, form: StockInput, quantity: String, errors: [String: String], message: String?
    ) async throws -> View {
        let user = try req.user
        let holders = [StockItem.nationalStore] + (try await req.productionSites.sites().map(\.site.name))
        return try await req.view.render(
            "preparedness/stock",
            StockContext(
                title: "Lager av råvarer", currentUser: UserView(user), mayWrite: PreparednessAccess.mayWrite(user),
                csrf: CSRF.token(for: req), items: try await req.productionSites.stock(today: req.clock.today),
                holders: holders.map { SelectOption(value: $0, label: $0, selected: $0 == form.holder) },
                materials: StockItem.Material.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == form.material)
                }, form: form, quantity: quantity, errors: errors, message: message))
    }

    /// Numbers from the form arrive as text; "2,5" is read as 2.5.
    struct StockForm: Content {
        var holder: String?
        var material: String?
        var name: String?
        var atc: String?
        var quantity: String?
        var unit: String?
        var batch: String?
        var expiresOn: String?

        var input: StockInput {
            StockInput(
                holder: holder, material: material, name: name, atc: atc,
                quantity: quantity.flatMap {
                    Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
                }, unit: unit, batch: batch, expiresOn: expiresOn)
        }
    }

    @Sendable
    func addStock(req: Request) async throws -> Response {
        let form = try req.content.decode(StockForm.self)
        let input = form.input
        do {
            _ = try await req.productionSites.addStock(input, by: try req.user, today: req.clock.today)
            return Flash.redirect(
                req, to: SiteURL.absolute(SiteURL.preparedness, SiteURL.stock), "Partiet er registrert.")
        } catch let failure as ValidationFailure {
            return try await renderStock(
                req, form: input, quantity: form.quantity ?? "", errors: failure.labelledMessagesByField, message: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
