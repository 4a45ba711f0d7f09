import Testing

@testable import TilgangDomain

/// Who could make a medicine in shortage: dosage form and sterility, licence, capacity, raw material on hand.
@Suite struct ProductionProposalTests {
    static let day = Fixtures.date("2026-11-25")
    static let morphine = ProductionProposal.Need(
        medicineId: "morfin-inj", name: "Morfin injeksjonsvæske 10 mg/ml", substance: "Morfin", atc: "N02AA01",
        form: "injeksjonsvæske, oppløsning")

    static func site(
        _ name: String, licence: ProductionSite.Licence = .medicinesAct, sterile: Bool = true,
        forms: [String] = ["sterile solutions for injection"], capacity: ProductionSite.SpareCapacity = .some
    ) -> ProductionSite {
        ProductionSite(
            name: name, organisation: name, kind: licence == .pharmacyAct ? .hospitalPharmacy : .industry,
            licence: licence, sterile: sterile, nonSterile: !sterile, dosageForms: forms, spareCapacity: capacity)
    }

    static func stock(_ holder: String, _ material: StockItem.Material, expires: String, atc: String? = nil)
        -> StockItem
    {
        StockItem(
            holder: holder, material: material, name: material == .api ? "Morfinhydroklorid" : "Hetteglass",
            atc: material == .api ? (atc ?? "N02AA01") : nil, quantity: 10, unit: "kg", batch: "B1",
            expiresOn: Fixtures.date(expires))
    }

    @Test func formSterilityAndLicenceExcludeSitesWithTheReason() {
        // given
        let sites = [
            Self.site("Injeksjon AS"), Self.site("Tablett AS", sterile: false, forms: ["uncoated tablets"]),
            Self.site("Usteril AS", sterile: false, forms: ["injection fluids"]),
            Self.site("Uten tillatelse", licence: .none),
        ]
        // when
        let proposal = ProductionProposal(
            for: Self.morphine, sites: sites, stock: [], equivalentProducts: [], on: Self.day)
        // then
        #expect(proposal.candidates.map(\.site) == ["Injeksjon AS"])
        let reasons = Dictionary(uniqueKeysWithValues: proposal.excluded.map { ($0.site, $0.reasons) })
        #expect(reasons["Tablett AS"] == ["lager ikke injeksjon", "lager ikke sterile produkter"])
        #expect(reasons["Usteril AS"] == ["lager ikke sterile produkter"])
        #expect(reasons["Uten tillatelse"] == ["har ingen tilvirkertillatelse"])
    }

    @Test func pharmacyProductionOnlyWithoutAnEquivalentMTProduct() {
        let sites = [Self.site("Sykehusapoteket", licence: .pharmacyAct), Self.site("Industri")]
        let blocked = ProductionProposal(
            for: Self.morphine, sites: sites, stock: [], equivalentProducts: ["Morfin Abcur"], on: Self.day)
        #expect(blocked.candidates.map(\.site) == ["Industri"])
        #expect(blocked.excluded.first?.reasons.first?.contains("finnes: Morfin Abcur") == true)
        let open = ProductionProposal(for: Self.morphine, sites: sites, stock: [], equivalentProducts: [], on: Self.day)
        #expect(Set(open.candidates.map(\.site)) == ["Sykehusapoteket", "Industri"])
    }

    @Test func rankedByCapacityAndUnexpiredRawMaterialWithWhatIsMissing() throws {
        // given: A has API on site; B only in the national store; C's API expired yesterday; all "some" capacity
        let sites = [Self.site("A"), Self.site("B"), Self.site("C"), Self.site("D", capacity: .canIncrease)]
        let stock = [
            Self.stock("A", .api, expires: "2027-01-01"), Self.stock("A", .packaging, expires: "2027-01-01"),
            Self.stock(StockItem.nationalStore, .excipient, expires: "2026-11-25"),
            Self.stock("C", .api, expires: "2026-11-24"),
            Self.stock(StockItem.nationalStore, .api, expires: "2026-12-01"),
            Self.stock("B", .api, expires: "2028-01-01", atc: "J01CE01"),
        ]
        // when
        let proposal = ProductionProposal(
            for: Self.morphine, sites: sites, stock: stock, equivalentProducts: [], on: Self.day)
        // then: A 4+3+1+1 = 9; D 6+2+1 = 9 (tie by name); B and C 4+2+1 = 7
        #expect(proposal.candidates.map(\.site) == ["A", "D", "B", "C"])
        #expect(proposal.candidates.map(\.points) == [9, 9, 7, 7])
        let a = proposal.candidates[0]
        #expect(a.missing.isEmpty && a.apiOnHand.first?.holder == "A")
        let c = try #require(proposal.candidates.first { $0.site == "C" })
        #expect(c.apiOnHand.allSatisfy { $0.isInNationalStore }, "C's own API has expired and never counts")
        #expect(c.missing == ["pakningsmateriell som ikke er utløpt"])
        // the day after the national store's excipient expires, it is missing everywhere
        let later = ProductionProposal(
            for: Self.morphine, sites: sites, stock: stock, equivalentProducts: [], on: Fixtures.date("2026-11-26"))
        #expect(later.candidates.allSatisfy { $0.missing.contains("hjelpestoff som ikke er utløpt") })
    }

    @Test func noCapacityOrUnknownCapacityIsMissing() {
        let sites = [Self.site("Full", capacity: .none), Self.site("Ukjent", capacity: .unknown)]
        let proposal = ProductionProposal(
            for: Self.morphine, sites: sites, stock: [], equivalentProducts: [], on: Self.day)
        #expect(proposal.candidates.first { $0.site == "Full" }?.missing.first == "ingen ledig kapasitet")
        #expect(proposal.candidates.first { $0.site == "Ukjent" }?.missing.first == "ledig kapasitet er ikke oppgitt")
    }

    @Test func anUnrecognisedFormExcludesEverySite() {
        var need = Self.morphine
        need = .init(
            medicineId: need.medicineId, name: need.name, substance: need.substance, atc: need.atc, form: "urtete")
        let proposal = ProductionProposal(
            for: need, sites: [Self.site("A")], stock: [], equivalentProducts: [], on: Self.day)
        #expect(proposal.candidates.isEmpty)
        #expect(proposal.excluded.first?.reasons == ["legemiddelformen «urtete» er ikke gjenkjent"])
    }

    @Test func equivalentsAreMarketedMTProductsOfTheSameSubstanceAndFormNotInShortage() {
        let catalogue = [
            Medicine(
                id: "morfin-inj", name: "Morfin", substance: "Morfin", atc: "N02AA01", form: "injeksjonsvæske",
                norwegianAuthorisation: .authorised, marketed: true),
            Medicine(
                id: "abcur", name: "Morfin Abcur", substance: "Morfin", atc: "N02AA01", form: "injeksjonsvæske",
                norwegianAuthorisation: .authorised, marketed: true),
            Medicine(
                id: "tab", name: "Morfin tabletter", substance: "Morfin", atc: "N02AA01", form: "tabletter",
                norwegianAuthorisation: .authorised, marketed: true),
            Medicine(
                id: "off", name: "Morfin avregistrert", substance: "Morfin", atc: "N02AA01",
                form: "injeksjonsvæske", norwegianAuthorisation: .deregistered),
            Medicine(
                id: "short", name: "Morfin i mangel", substance: "Morfin", atc: "N02AA01",
                form: "injeksjonsvæske", norwegianAuthorisation: .authorised),
            Medicine(
                id: "unmarketed", name: "Morfin ikke markedsført", substance: "Morfin", atc: "N02AA01",
                form: "injeksjonsvæske", norwegianAuthorisation: .authorised, marketed: false),
        ]
        #expect(
            ProductionProposal.equivalentProducts(for: Self.morphine, among: catalogue, inShortage: ["short"])
                == ["Morfin Abcur"])
    }

    @Test func stockIsUsableUpToItsExpiryDay() {
        let item = Self.stock("A", .api, expires: "2026-11-25")
        #expect(item.isUsable(on: Fixtures.date("2026-11-25")))
        #expect(!item.isUsable(on: Fixtures.date("2026-11-26")))
        var empty = item
        empty.quantity = 0
        #expect(!empty.isUsable(on: Fixtures.date("2026-01-01")))
        var noATC = item
        noATC.atc = nil
        #expect(noATC.validate().map(\.field) == ["atc"])
    }

    @Test func producedStockIsFlaggedWhenTheMTProductReturns() {
        let batch = ProducedBatch(site: "A", batch: "P1", producedOn: Self.day, quantity: 100, remaining: 40)
        var shortage = Shortage(medicineId: "morfin-inj", start: Fixtures.date("2026-10-01"), cause: .supplyFailure)
        #expect(!batch.isStranded(shortage: shortage, on: Self.day))
        shortage.actualEnd = Fixtures.date("2026-11-20")
        #expect(batch.isStranded(shortage: shortage, on: Self.day))
        var used = batch
        used.remaining = 0
        #expect(!used.isStranded(shortage: shortage, on: Self.day))
        #expect(
            ProducedBatch(site: "A", batch: "P", producedOn: Self.day, quantity: 5, remaining: 6).validate()
                .map(\.field) == ["remaining"])
    }

    @Test func startingProductionNeedsASiteAndAQuantity() {
        let decision = ForumDecision(
            kind: .start, medicineId: "morfin-inj", site: "", quantity: nil, decidedOn: Self.day, note: "")
        #expect(decision.validate().map(\.field) == ["site", "quantity"])
        var propose = decision
        propose.kind = .propose
        propose.site = "A"
        #expect(propose.validate().isEmpty)
    }
}
