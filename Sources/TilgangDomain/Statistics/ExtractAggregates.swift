/// Everything the statistics pages need from an extract, kept as aggregates (issue 5): per year, species and ATC
/// code the unregistered sums; per year and species the distinct unregistered product numbers; and distinct
/// patients per year for the followed medicines. Patient ids are hashed on the way in and never stored.
public struct ExtractAggregates: Sendable {
    public struct GroupKey: Hashable, Sendable {
        public let year: Int
        public let species: ExtractRow.Species
        public let atc: ATCKey
    }

    public struct YearSpecies: Hashable, Sendable {
        public let year: Int
        public let species: ExtractRow.Species
    }

    /// A followed series: an ATC code, or one product of an ATC code followed per product number, for humans or
    /// for animals apart (the agency counts patients and animals separately: prednisolone is both).
    public struct SeriesKey: Hashable, Comparable, Sendable {
        public let atc: ATCKey
        public let product: Int32?
        public let species: ExtractRow.Species

        public init(atc: ATCKey, product: Int32?, species: ExtractRow.Species) {
            self.atc = atc
            self.product = product
            self.species = species
        }

        public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
            if a.species != b.species { return a.species.rawValue < b.species.rawValue }
            return a.atc != b.atc ? a.atc < b.atc : (a.product ?? -1) < (b.product ?? -1)
        }
    }

    /// The report's followed medicines: melatonin and prednisolone by ATC code, cannabinoids per product.
    public static let followedByATC = ["N05CH01", "H02AB06"].compactMap(ATCKey.init)
    public static let followedByProduct = ["N02BG10", "N03AX24"].compactMap(ATCKey.init)

    public private(set) var groups: [GroupKey: AggregateGroup] = [:]
    private var products: [YearSpecies: ProductNumberSet] = [:]
    private var patients: [SeriesKey: [Int: Set<UInt64>]] = [:]
    public private(set) var seriesLabels: [SeriesKey: String] = [:]

    public init() {}

    public mutating func add(_ row: borrowing ExtractRow) {
        guard row.unregistered else { return }
        groups[GroupKey(year: row.year, species: row.species, atc: row.atc), default: AggregateGroup()].add(row)
        if let product = row.productNumber {
            products[YearSpecies(year: row.year, species: row.species), default: ProductNumberSet()].insert(product)
        }
        let series: SeriesKey?
        if Self.followedByATC.contains(row.atc) {
            series = SeriesKey(atc: row.atc, product: nil, species: row.species)
        } else if Self.followedByProduct.contains(row.atc) {
            series = SeriesKey(atc: row.atc, product: row.productNumber, species: row.species)
        } else {
            series = nil
        }
        if let series {
            if seriesLabels[series] == nil { seriesLabels[series] = String(decoding: row.substance, as: UTF8.self) }
            patients[series, default: [:]][row.year, default: []].insert(Self.hash(row.patientID))
        }
    }

    public func distinctProducts(year: Int, species: ExtractRow.Species) -> Int {
        products[YearSpecies(year: year, species: species)]?.count ?? 0
    }

    public var yearsAndSpecies: [YearSpecies] {
        Set(groups.keys.map { YearSpecies(year: $0.year, species: $0.species) }).sorted {
            $0.year != $1.year ? $0.year < $1.year : $0.species.rawValue < $1.species.rawValue
        }
    }

    /// Distinct patients per year of every followed series.
    public var followed: [SeriesKey: [Int: Int]] { patients.mapValues { $0.mapValues(\.count) } }

    /// FNV-1a, 64 bits: distinct counting without keeping the pseudonymous ids.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
