/// Which sites could make a medicine in shortage, ranked, each with its reasons and what is missing (issue 6).
///
/// A site is *suitable* when it handles the medicine's dosage form, makes sterile products if the form needs it
/// (or non-sterile ones if not), and its licence allows it: a manufacturing authorisation, or pharmacy production
/// only when no equivalent MT product is available (seed 003 §1.3). Suitable sites rank by points: spare capacity
/// 0–3 counted twice, the active substance on hand at the site 3 or in the national store 2, unexpired excipients 1
/// and packaging 1 (docs/preparedness.md). Sites that fail a requirement are listed apart with the reason.
public struct ProductionProposal: Codable, Hashable, Sendable {
    public struct Candidate: Codable, Hashable, Sendable {
        public let site: String
        public let organisation: String
        public let licence: ProductionSite.Licence
        public let spareCapacity: ProductionSite.SpareCapacity
        public let points: Int
        public let reasons: [String]
        public let missing: [String]
        /// Unexpired API batches that could be used, at the site first.
        public let apiOnHand: [StockItem]
    }

    public struct Excluded: Codable, Hashable, Sendable {
        public let site: String
        public let reasons: [String]
    }

    /// What the proposal needs to know of the medicine.
    public struct Need: Codable, Hashable, Sendable {
        public let medicineId: String
        public let name: String
        public let substance: String
        public let atc: String
        public let form: String

        public init(medicineId: String, name: String, substance: String, atc: String, form: String) {
            self.medicineId = medicineId
            self.name = name
            self.substance = substance
            self.atc = atc
            self.form = form
        }

        public var formClasses: Set<DosageFormClass> { DosageFormClass.classes(in: form) }
    }

    public let medicine: Need
    public let day: CalendarDate
    public let formClasses: [DosageFormClass]
    /// Marketed MT products that could replace it; while there is one, pharmacy production is not allowed.
    public let equivalentProducts: [String]
    public let candidates: [Candidate]
    public let excluded: [Excluded]

    public init(
        for medicine: Need, sites: [ProductionSite], stock: [StockItem], equivalentProducts: [String],
        on day: CalendarDate
    ) {
        self.medicine = medicine
        self.day = day
        self.equivalentProducts = equivalentProducts
        let forms = medicine.formClasses
        formClasses = forms.sorted { $0.rawValue < $1.rawValue }
        let sterile = forms.contains { $0.requiresSterileProduction }
        let usable = stock.filter { $0.isUsable(on: day) }
        var candidates: [Candidate] = []
        var excluded: [Excluded] = []
        for site in sites {
            var blockers: [String] = []
            let common = forms.intersection(site.dosageFormClasses)
            if forms.isEmpty {
                blockers.append("legemiddelformen «\(medicine.form)» er ikke gjenkjent")
            } else if common.isEmpty {
                blockers.append("lager ikke \(Self.list(forms))")
            }
            if sterile && !site.sterile { blockers.append("lager ikke sterile produkter") }
            if !forms.isEmpty && !sterile && !site.nonSterile { blockers.append("lager ikke ikke-sterile produkter") }
            switch site.licence {
            case .none: blockers.append("har ingen tilvirkertillatelse")
            case .pharmacyAct where !equivalentProducts.isEmpty:
                blockers.append(
                    "apotektilvirkning er bare tillatt når det ikke finnes tilsvarende legemiddel med MT "
                        + "(finnes: \(equivalentProducts.joined(separator: ", ")))")
            case .pharmacyAct, .medicinesAct: break
            }
            if !blockers.isEmpty {
                excluded.append(Excluded(site: site.name, reasons: blockers))
                continue
            }
            candidates.append(Self.candidate(site, medicine: medicine, forms: common, sterile: sterile, stock: usable))
        }
        self.candidates = candidates.sorted { ($0.points, $1.site) > ($1.points, $0.site) }
        self.excluded = excluded.sorted { $0.site < $1.site }
    }

    static func candidate(
        _ site: ProductionSite, medicine: Need, forms: Set<DosageFormClass>, sterile: Bool, stock: [StockItem]
    ) -> Candidate {
        var reasons = ["lager \(list(forms))" + (sterile ? " (sterilt)" : "")]
        reasons.append(site.licence.title)
        var missing: [String] = []
        var points = site.spareCapacity.points * 2
        switch site.spareCapacity {
        case .none: missing.append("ingen ledig kapasitet")
        case .unknown: missing.append("ledig kapasitet er ikke oppgitt")
        default: reasons.append("ledig kapasitet: \(site.spareCapacity.title)")
        }
        let held = stock.filter { $0.holder == site.name || $0.isInNationalStore }
        let api = held.filter { $0.isActiveSubstance(of: medicine.atc, substance: medicine.substance) }
            .sorted { ($0.isInNationalStore ? 1 : 0, $0.expiresOn) < ($1.isInNationalStore ? 1 : 0, $1.expiresOn) }
        if let first = api.first {
            points += first.isInNationalStore ? 2 : 3
            reasons.append(
                "virkestoff på lager \(first.isInNationalStore ? "i nasjonalt lager" : "ved stedet"): "
                    + "\(first.name), batch \(first.batch), holdbar til \(first.expiresOn.norwegian)")
        } else {
            missing.append("virkestoff (\(medicine.substance)) som ikke er utløpt")
        }
        for (material, label) in [(StockItem.Material.excipient, "hjelpestoff"), (.packaging, "pakningsmateriell")] {
            if held.contains(where: { $0.material == material }) {
                points += 1
                reasons.append("\(label) på lager")
            } else {
                missing.append("\(label) som ikke er utløpt")
            }
        }
        return Candidate(
            site: site.name, organisation: site.organisation, licence: site.licence,
            spareCapacity: site.spareCapacity, points: points, reasons: reasons, missing: missing, apiOnHand: api)
    }

    static func list(_ forms: Set<DosageFormClass>) -> String {
        forms.map(\.title).sorted().joined(separator: ", ")
    }

    /// Names of marketed MT products equivalent to `medicine` (same ATC code and dosage-form class) that are not
    /// in shortage themselves.
    public static func equivalentProducts(
        for medicine: Need, among catalogue: [Medicine], inShortage: Set<String>
    ) -> [String] {
        let forms = medicine.formClasses
        return catalogue.filter { other in
            other.id != medicine.medicineId && other.atc.uppercased() == medicine.atc.uppercased()
                && other.norwegianAuthorisation == .authorised && other.marketed != false
                && !inShortage.contains(other.id ?? "")
                && !forms.isDisjoint(with: DosageFormClass.classes(in: other.form ?? ""))
        }.map(\.name).sorted()
    }
}
