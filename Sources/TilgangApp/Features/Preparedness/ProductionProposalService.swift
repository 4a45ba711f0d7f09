import Fluent
import TilgangDomain
import Vapor

/// Proposals of who could produce a medicine, and the forum's decision log.
struct ProductionProposalService {
    let database: any Database
    let catalogue: any CatalogueService
    let sites: ProductionSiteService
    let audit: AuditLogService

    /// The ranked sites for `medicineID` on `day`, from the stored sites, stock, catalogue and shortages.
    func proposal(for medicineID: String, on day: CalendarDate) async throws -> ProposalDTO {
        guard let medicine = try await catalogue.medicine(id: medicineID) else {
            throw PreparednessError.notFound("legemiddelet «\(medicineID)» i katalogen")
        }
        let shortages = try await ShortageService.domainShortages(on: database).map(\.1)
        let inShortage = Set(shortages.filter { $0.isActive(on: day) }.map(\.medicineId))
        let need = ProductionProposal.Need(
            medicineId: medicineID, name: medicine.name, substance: medicine.substance, atc: medicine.atc,
            form: medicine.form ?? "")
        let sameSubstance = try await catalogue.search(medicine.atc, limit: 500)
        let proposal = ProductionProposal(
            for: need, sites: try await sites.sites().map(\.site), stock: try await sites.domainStock(),
            equivalentProducts: ProductionProposal.equivalentProducts(
                for: need, among: sameSubstance, inShortage: inShortage),
            on: day)
        return ProposalDTO(
            medicineId: medicineID, medicineName: medicine.name, inShortage: inShortage.contains(medicineID),
            proposal: proposal)
    }

    func decisions() async throws -> [ForumDecisionDTO] {
        let models = try await ForumDecisionModel.query(on: database).sort(\.$decidedOn, .descending)
            .sort(\.$createdAt, .descending).all()
        var result: [ForumDecisionDTO] = []
        for m in models {
            let kind = ForumDecision.Kind(rawValue: m.kind)
            result.append(
                ForumDecisionDTO(
                    id: try m.requireID(), kind: m.kind, kindTitle: kind?.title ?? m.kind, medicineId: m.medicineID,
                    medicineName: try await catalogue.medicine(id: m.medicineID)?.name ?? m.medicineID,
                    shortageId: m.shortageID, site: m.site, quantity: m.quantity,
                    decidedOn: CalendarDate(iso: m.decidedOn)?.norwegian ?? m.decidedOn, note: m.note,
                    recordedBy: m.recordedBy))
        }
        return result
    }

    func record(_ input: ForumDecisionInput, by user: AuthenticatedUser, today: CalendarDate) async throws
        -> ForumDecisionDTO
    {
        try PreparednessAccess.requireWrite(user)
        var reader = PreparednessInput(today: today)
        let kind: ForumDecision.Kind? = reader.choice(input.kind, "kind")
        let medicineID = reader.text(input.medicineId, "medicineId")
        let decidedOn = reader.date(input.decidedOn, "decidedOn", required: false) ?? today
        if !medicineID.isEmpty, try await catalogue.medicine(id: medicineID) == nil {
            reader.fail("medicineId", "finnes ikke i katalogen")
        }
        let site = (input.site ?? "").trimmingCharacters(in: .whitespaces)
        if !site.isEmpty, try await ProductionSiteModel.query(on: database).filter(\.$name == site).first() == nil {
            reader.fail("site", "ukjent produksjonssted «\(site)»")
        }
        if let shortageID = input.shortageId, try await ShortageModel.find(shortageID, on: database) == nil {
            reader.fail("shortageId", "ukjent mangel")
        }
        try reader.check()
        let quantity = (input.quantity ?? "").trimmingCharacters(in: .whitespaces)
        let decision = ForumDecision(
            kind: kind!, medicineId: medicineID, site: site, quantity: quantity.isEmpty ? nil : quantity,
            decidedOn: decidedOn, note: (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        let errors = decision.validate()
        if !errors.isEmpty { throw ValidationFailure(errors) }
        let model = ForumDecisionModel()
        model.id = UUID()
        model.kind = decision.kind.rawValue
        model.medicineID = decision.medicineId
        model.shortageID = input.shortageId
        model.site = decision.site
        model.quantity = decision.quantity
        model.decidedOn = decision.decidedOn.iso
        model.note = decision.note
        model.recordedBy = user.displayName
        try await database.writeTransaction { db in
            try await model.create(on: db)
            try await audit.append(
                "preparedness.decision.\(decision.kind.rawValue)", by: AuditActor(user), caseID: nil, patientKey: nil,
                detail: "\(decision.medicineId) \(decision.site) \(decision.quantity ?? "")", on: db)
        }
        guard let created = try await decisions().first(where: { $0.id == model.id }) else {
            throw PreparednessError.notFound("beslutningen")
        }
        return created
    }
}

extension Request {
    var proposals: ProductionProposalService {
        ProductionProposalService(database: db, catalogue: catalogue, sites: productionSites, audit: auditLog)
    }
}

extension Application {
    var proposals: ProductionProposalService {
        ProductionProposalService(database: db, catalogue: catalogue, sites: productionSites, audit: auditLog)
    }
}
