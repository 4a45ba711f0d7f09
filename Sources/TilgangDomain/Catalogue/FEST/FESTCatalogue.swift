/// Maps a FEST release onto catalogue records (issue 8), one per `LegemiddelMerkevare`, keyed by its FEST id.
///
/// - Norwegian MT: `Preparattype` 11 ("Krever godkj. fritak") or condition 34 means none. Otherwise the packages'
///   marketing dates decide: deregistered when every package has an `AvregDato` on or before the day, else
///   authorised, and marketed when some package is on the market that day (from `Markedsforingsdato`, before any
///   `AvregDato` or `MidlUtgattDato`).
/// - Blue prescription: ICD-10 codes of the refund groups that require a refund code, valid on the day.
///   H-prescription groups (`KreverRefusjonskode=false`) make the product hospital-financed.
/// - `TypeSoknadSlv` → `exemptionApplicationType`; status U → retired in this release.
public enum FESTCatalogue {
    public struct Mapping: Sendable, Equatable {
        public let release: String
        public let medicines: [Medicine]
        /// Ids of entries with status U in this release.
        public let expired: Set<String>
    }

    public static func sourceName(_ release: FESTRelease) -> String { "FEST \(release.retrievedAt)" }

    public static func map(_ release: FESTRelease, on day: CalendarDate) -> Mapping {
        let source = sourceName(release)
        var packagesByProduct: [String: [FESTPackage]] = [:]
        for package in release.packages where package.status == .active {
            for product in package.productRefs { packagesByProduct[product, default: []].append(package) }
        }
        var medicines: [Medicine] = []
        var expired: Set<String> = []
        for product in release.products {
            if product.status == .expired { expired.insert(product.id) }
            let packages = packagesByProduct[product.id] ?? []
            let groups = Set(packages.flatMap(\.refundGroupRefs)).compactMap { release.refundGroups[$0] }
            let substanceRefs =
                product.substanceRefs.isEmpty
                ? product.substanceWithStrengthRefs.compactMap { release.substancesWithStrength[$0] }
                : product.substanceRefs
            let substances = substanceRefs.compactMap { release.substances[$0] }.filter { !$0.isEmpty }
            var medicine = Medicine(
                id: product.id, name: product.nameFormStrength,
                substance: substances.isEmpty ? product.atcName : substances.joined(separator: " + "),
                atc: product.atc, form: product.form.isEmpty ? nil : product.form,
                productNumber: packages.map(\.productNumber).filter { !$0.isEmpty }.sorted().first,
                norwegianAuthorisation: .authorised, hospitalFinanced: groups.contains { !$0.requiresRefundCode },
                bluePrescriptionIndications: bluePrescription(groups, on: day),
                exemptionApplicationType: product.applicationType.flatMap(ExemptionApplicationType.init(rawValue:)),
                source: source, retiredIn: product.status == .expired ? source : nil)
            let unregistered =
                product.productType == 11
                || product.conditionRefs.contains {
                    release.conditions[$0]?.number == FESTCondition.prescriberResponsibility
                }
            if unregistered {
                medicine.norwegianAuthorisation = .none
            } else if !packages.isEmpty, packages.allSatisfy({ $0.deregisteredOn.map { $0 <= day } ?? false }) {
                medicine.norwegianAuthorisation = .deregistered
                medicine.deregisteredOn = packages.compactMap(\.deregisteredOn).max()
                medicine.marketed = false
            } else {
                medicine.marketed = packages.contains { isOnMarket($0, on: day) }
            }
            medicines.append(medicine)
        }
        return Mapping(release: source, medicines: medicines, expired: expired)
    }

    static func isOnMarket(_ package: FESTPackage, on day: CalendarDate) -> Bool {
        guard let from = package.marketedFrom, from <= day else { return false }
        if let end = package.deregisteredOn, end <= day { return false }
        if let pause = package.temporarilyUnavailableFrom, pause <= day { return false }
        return true
    }

    static func bluePrescription(_ groups: [FESTRefundGroup], on day: CalendarDate) -> [String] {
        let codes = groups.filter(\.requiresRefundCode).flatMap(\.codes).filter { code in
            code.system == FESTRefundCode.icd10System && (code.validFrom.map { $0 <= day } ?? true)
                && (code.prescribableUntil.map { day <= $0 } ?? true)
        }
        return Array(Set(codes.map(\.value))).sorted()
    }
}
