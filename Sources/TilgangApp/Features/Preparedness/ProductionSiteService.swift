import Fluent
import TilgangDomain
import Vapor

/// Production sites (imported from the report's file, then kept by analysts) and the raw-material stock.
struct ProductionSiteService {
    let database: any Database
    let audit: AuditLogService

    func sites() async throws -> [ProductionSiteDTO] {
        try await ProductionSiteModel.query(on: database).sort(\.$name).all().map(Self.dto)
    }

    func site(_ id: UUID) async throws -> ProductionSiteDTO {
        guard let model = try await ProductionSiteModel.find(id, on: database) else {
            throw PreparednessError.notFound("produksjonsstedet")
        }
        return try Self.dto(model)
    }

    /// Upserts every site by name in one transaction: the file was checked whole before this, so all or nothing.
    func importSites(_ sites: [ProductionSite], by actor: AuditActor) async throws -> SiteImportResult {
        try await database.writeTransaction { db in
            var result = SiteImportResult()
            let existing = try await ProductionSiteModel.query(on: db).all()
            let byName = Dictionary(
                existing.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            for site in sites {
                if let model = byName[site.name.lowercased()] {
                    if Self.site(model) == site {
                        result.unchanged += 1
                        continue
                    }
                    Self.apply(site, to: model)
                    model.version += 1
                    model.updatedBy = actor.id
                    try await model.update(on: db)
                    result.updated += 1
                } else {
                    let model = ProductionSiteModel()
                    Self.apply(site, to: model)
                    model.version = 1
                    model.updatedBy = actor.id
                    try await model.create(on: db)
                    result.created += 1
                }
            }
            try await audit.append(
                "preparedness.sites.import", by: actor, caseID: nil, patientKey: nil,
                detail: "\(result.created) nye, \(result.updated) endret, \(result.unchanged) uendret", on: db)
            return result
        }
    }

    func update(_ id: UUID, _ site: ProductionSite, expectedVersion: Int, by user: AuthenticatedUser) async throws
        -> ProductionSiteDTO
    {
        try PreparednessAccess.requireWrite(user)
        let errors = site.validate()
        if !errors.isEmpty { throw ValidationFailure(errors) }
        try await database.writeTransaction { db in
            guard let model = try await ProductionSiteModel.find(id, on: db) else {
                throw PreparednessError.notFound("produksjonsstedet")
            }
            if model.name.lowercased() != site.name.lowercased(),
                try await ProductionSiteModel.query(on: db).filter(\.$name == site.name).first() != nil
            {
                throw ValidationFailure(field: "name", message: "et annet sted heter «\(site.name)»")
            }
            try await OptimisticLock.advance(ProductionSiteModel.schema, id: id, from: expectedVersion, on: db)
            Self.apply(site, to: model)
            model.version = expectedVersion + 1
            model.updatedBy = user.displayName
            try await model.update(on: db)
            try await audit.append(
                "preparedness.site.update", by: AuditActor(user), caseID: nil, patientKey: nil, detail: site.name,
                on: db)
        }
        return try await self.site(id)
    }

    static func site(_ m: ProductionSiteModel) -> ProductionSite {
        ProductionSite(
            name: m.name, organisation: m.organisation,
            locations: m.locations.split(separator: ";").map(String.init),
            kind: ProductionSite.Kind(rawValue: m.kind) ?? .industry,
            licence: ProductionSite.Licence(rawValue: m.licence) ?? .none, sterile: m.sterile,
            nonSterile: m.nonSterile, dosageForms: m.dosageForms.split(separator: ";").map(String.init),
            technology: m.technology, capacityNote: m.capacityNote,
            spareCapacity: ProductionSite.SpareCapacity(rawValue: m.spareCapacity) ?? .unknown)
    }

    private static func apply(_ site: ProductionSite, to m: ProductionSiteModel) {
        m.name = site.name
        m.organisation = site.organisation
        m.locations = site.locations.joined(separator: ";")
        m.kind = site.kind.rawValue
        m.licence = site.licence.rawValue
        m.sterile = site.sterile
        m.nonSterile = site.nonSterile
        m.dosageForms = site.dosageForms.joined(separator: ";")
        m.technology = site.technology
        m.capacityNote = site.capacityNote
        m.spareCapacity = site.spareCapacity.rawValue
    }

    static func dto(_ m: ProductionSiteModel) throws -> ProductionSiteDTO {
        let site = site(m)
        return ProductionSiteDTO(id: try m.requireID(), site: site, version: m.version, updatedBy: m.updatedBy)
    }

    // MARK: - Stock

    /// Every stock item, soonest expiry first; expired items are listed but marked, and never counted.
    func stock(today: CalendarDate) async throws -> [StockItemDTO] {
        try await StockItemModel.query(on: database).sort(\.$expiresOn).all().compactMap { m in
            guard let item = Self.item(m) else { return nil }
            return StockItemDTO(id: try m.requireID(), item: item, today: today)
        }
    }

    func domainStock() async throws -> [StockItem] {
        try await StockItemModel.query(on: database).all().compactMap(Self.item)
    }

    func addStock(_ input: StockInput, by user: AuthenticatedUser, today: CalendarDate) async throws -> StockItemDTO {
        try PreparednessAccess.requireWrite(user)
        var reader = PreparednessInput(today: today)
        let material: StockItem.Material? = reader.choice(input.material, "material")
        let expires = reader.date(input.expiresOn, "expiresOn", required: true)
        if input.quantity == nil { reader.fail("quantity", "må være et tall, 0 eller mer") }
        let holder = (input.holder ?? "").trimmingCharacters(in: .whitespaces)
        if !holder.isEmpty, holder != StockItem.nationalStore,
            try await ProductionSiteModel.query(on: database).filter(\.$name == holder).first() == nil
        {
            reader.fail("holder", "velg et produksjonssted eller «\(StockItem.nationalStore)»")
        }
        try reader.check()
        let atc = (input.atc ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let item = StockItem(
            holder: holder, material: material!, name: (input.name ?? "").trimmingCharacters(in: .whitespaces),
            atc: atc.isEmpty ? nil : atc, quantity: input.quantity ?? -1,
            unit: (input.unit ?? "").trimmingCharacters(in: .whitespaces),
            batch: (input.batch ?? "").trimmingCharacters(in: .whitespaces), expiresOn: expires!)
        var errors = item.validate()
        if let atc = item.atc, !Codes.isATC(atc) {
            errors.append(FieldError(field: "atc", message: "ugyldig ATC-kode"))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let model = StockItemModel()
        model.id = UUID()
        model.holder = item.holder
        model.material = item.material.rawValue
        model.name = item.name
        model.atc = item.atc
        model.quantity = item.quantity
        model.unit = item.unit
        model.batch = item.batch
        model.expiresOn = item.expiresOn.iso
        model.recordedBy = user.displayName
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "preparedness.stock.add", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(item.holder): \(item.name) \(item.batch)", on: db)
        }
        return StockItemDTO(id: try model.requireID(), item: item, today: today)
    }

    static func item(_ m: StockItemModel) -> StockItem? {
        guard let material = StockItem.Material(rawValue: m.material), let expires = CalendarDate(iso: m.expiresOn)
        else { return nil }
        return StockItem(
            holder: m.holder, material: material, name: m.name, atc: m.atc, quantity: m.quantity, unit: m.unit,
            batch: m.batch, expiresOn: expires)
    }
}

extension Request {
    var productionSites: ProductionSiteService { ProductionSiteService(database: db, audit: auditLog) }
}

extension Application {
    var productionSites: ProductionSiteService { ProductionSiteService(database: db, audit: auditLog) }
}
