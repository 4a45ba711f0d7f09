import Fluent
import Foundation
import TilgangDomain
import Vapor

/// The preparedness register of a new demo database: the report's production sites, three critical medicines
/// assessed by the demo analyst, the morphine-injection shortage under way with some stock, and a produced batch
/// left over from an earlier benzylpenicillin shortage. Entered through the services, as an analyst would.
enum DemoPreparedness {
    static func seed(_ app: Application, today: CalendarDate) async throws {
        guard let model = try await UserModel.query(on: app.db).filter(\.$username == "beredskap-analytiker").first()
        else { return }
        let analyst = try AuthenticatedUser(model)
        _ = try await app.productionSites.importSites(try sites(), by: AuditActor(analyst))
        for (medicine, levels) in assessments {
            let entry = try await app.criticalMedicines.add(.init(medicineId: medicine), by: analyst, today: today)
            let criteria = Dictionary(
                uniqueKeysWithValues: levels.map { ($0.0.rawValue, AssessmentInput.Entry(level: $0.1, evidence: $0.2)) }
            )
            _ = try await app.criticalMedicines.assess(
                medicine, AssessmentInput(criteria: criteria), expectedVersion: entry.version, by: analyst,
                today: today)
        }
        func day(_ offset: Int) -> String { today.addingDays(offset)?.iso ?? today.iso }
        for (medicine, start, end, measures) in [
            ("morfin-inj-10mg", "2019-03-04", "2019-06-20", ["foreign_packages"]),
            ("morfin-inj-10mg", "2023-01-09", "2023-02-27", ["exemption"]),
            ("benzylpenicillin-1g", "2022-09-12", "2022-12-01", ["foreign_packages", "production"]),
        ] {
            _ = try await app.shortages.record(
                ShortageInput(
                    medicineId: medicine, start: start, cause: "supply_failure", actualEnd: end, measures: measures),
                by: analyst, today: today)
        }
        let current = try await app.shortages.record(
            ShortageInput(
                medicineId: "morfin-inj-10mg", start: day(-40), cause: "supply_failure", expectedEnd: day(60),
                affectedProducts: "056648", measures: ["foreign_packages"],
                note: "Produsenten har stanset leveransene etter funn ved inspeksjon."), by: analyst, today: today)
        let stock: [StockInput] = [
            StockInput(
                holder: StockItem.nationalStore, material: "api", name: "Morfinhydroklorid", atc: "N02AA01",
                quantity: 12, unit: "kg", batch: "MH-2025-07", expiresOn: day(400)),
            StockInput(
                holder: "SAV Bergen", material: "api", name: "Morfinhydroklorid", atc: "N02AA01", quantity: 3,
                unit: "kg", batch: "MH-2023-02", expiresOn: day(-30)),
            StockInput(
                holder: "SAO Rikshospitalet", material: "packaging", name: "Ampuller 1 ml", quantity: 40_000,
                unit: "stk", batch: "AMP-2026-01", expiresOn: day(900)),
            StockInput(
                holder: StockItem.nationalStore, material: "excipient", name: "Natriumklorid", quantity: 200,
                unit: "kg", batch: "NACL-2026-03", expiresOn: day(700)),
            StockInput(
                holder: "Vistin Pharma", material: "api", name: "Metforminhydroklorid", atc: "A10BA02",
                quantity: 5_000, unit: "kg", batch: "MET-2026-10", expiresOn: day(800)),
        ]
        for item in stock { _ = try await app.productionSites.addStock(item, by: analyst, today: today) }
        if let old = try await app.shortages.list(today: today).first(where: { $0.medicineId == "benzylpenicillin-1g" })
        {
            _ = try await app.shortages.recordProduced(
                ProducedBatchInput(
                    site: "SAV Bergen", batch: "SAV-BP-2210", producedOn: "2022-10-20", quantity: 2_000,
                    remaining: 120), for: old.id, by: analyst, today: today)
        }
        _ = try await app.proposals.record(
            ForumDecisionInput(
                kind: "propose", medicineId: "morfin-inj-10mg", shortageId: current.id, site: "SAO Rikshospitalet",
                quantity: "20 000 ampuller", decidedOn: today.iso,
                note: "Virkestoff i nasjonalt lager; ampuller på stedet."), by: analyst, today: today)
    }

    static func sites() throws -> [ProductionSite] {
        guard let url = Bundle.module.url(forResource: "production-sites-2020", withExtension: "csv") else {
            throw Abort(.internalServerError, reason: "production-sites-2020.csv mangler i programpakken")
        }
        return try ProductionSiteCSV.parse(try String(contentsOf: url, encoding: .utf8))
    }

    static let assessments: [(String, [(PreparednessCriterion, Int, String)])] = [
        (
            "benzylpenicillin-1g",
            [
                (.therapyTradition, 3, "Smalspektret penicillin er bærende i den nasjonale antibiotikastrategien."),
                (.patientGroupSize, 2, "Om lag 5 000 sykehuspasienter i året."),
                (.healthConsequence, 3, "Alvorlige infeksjoner; bredspektret erstatning øker resistens."),
                (.fewAlternatives, 2, "Ett likeverdig alternativ."),
                (.fewMarketingAuthorisationHolders, 3, "Én MT-innehaver i Norge."),
                (.fewAPIMakers, 2, "To virkestoffprodusenter på verdensbasis."),
                (.shortageForecast, 1, "Mulig mangel ifølge leverandørene."),
                (.expectedDuration, 1, "Tidligere mangler varte 1–2 måneder."),
            ]
        ),
        (
            "morfin-inj-10mg",
            [
                (.therapyTradition, 0, "Ingen særnorsk tradisjon."),
                (.patientGroupSize, 2, "Smertebehandling ved alle sykehus."),
                (.healthConsequence, 3, "Akutt og palliativ smerte; livstruende uten behandling ved skade."),
                (.fewAlternatives, 2, "Ett alternativ (ketobemidon) med begrenset tilgang."),
                (.fewMarketingAuthorisationHolders, 2, "To MT-innehavere."),
                (.fewAPIMakers, 1, "Tre eller fire produsenter."),
                (.shortageForecast, 2, "Sannsynlig mangel etter inspeksjonsfunn."),
                (.expectedDuration, 3, "Mangelen 2014–2017 varte i over to år."),
            ]
        ),
        (
            "fenoksymetylpenicillin-1g",
            [
                (.therapyTradition, 3, "Førstevalg i antibiotikastrategien."),
                (.patientGroupSize, 3, "Over 100 000 resepter i året."),
                (.healthConsequence, 2, "Ubehandlede infeksjoner kan gi alvorlige komplikasjoner."),
                (.fewAlternatives, 1, "To alternativer, begge bredere."),
                (.fewMarketingAuthorisationHolders, 2, "To MT-innehavere."),
                (.fewAPIMakers, 2, "To virkestoffprodusenter."),
                (.shortageForecast, 1, "Mulig mangel."),
                (.expectedDuration, 1, "Kortvarige mangler tidligere."),
            ]
        ),
    ]
}
