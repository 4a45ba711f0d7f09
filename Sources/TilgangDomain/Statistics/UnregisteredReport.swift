/// The agency's table of the most used unregistered medicines (seed 004, Table 2 and the animal tables).
///
/// Small-number suppression (SPEC §8) is applied here, so every output that reads the report (JSON, CSV, HTML)
/// gets it: every count of a line whose medicine was dispensed to fewer than five patients is "<5", and the
/// distinct-product count too when no line reaches five patients.
public struct UnregisteredReport: Encodable, Equatable, Sendable {
    public struct Line: Encodable, Equatable, Sendable {
        public let atc: String
        public let substance: String
        public let dispensings: ReportedCount
        public let packages: ReportedCount
        /// `nil` when no row of the group has a DDD.
        public let ddd: ReportedCount?
        public let marker: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(atc, forKey: .atc)
            try c.encode(substance, forKey: .substance)
            try c.encode(dispensings, forKey: .dispensings)
            try c.encode(packages, forKey: .packages)
            try c.encode(ddd, forKey: .ddd)  // null, not absent
            try c.encode(marker, forKey: .marker)
        }

        enum CodingKeys: String, CodingKey { case atc, substance, dispensings, packages, ddd, marker }
    }

    public let year: Int
    public let species: String
    public let distinctUnregisteredProducts: ReportedCount
    public let top: [Line]
}

/// The sums of one ATC code's unregistered dispensings in one year and species.
public struct AggregateGroup: Equatable, Sendable {
    public var dispensings = 0
    public var packagesMilli: Int64 = 0
    public var dddMilli: Int64 = 0
    public var hasDDD = false
    public var marker = ExtractRow.Marker.none
    public var substance = ""
    /// Distinct patients, counted up to `SmallNumbers.threshold` (5 means five or more): enough to decide whether
    /// the group's counts may be shown, while memory stays a few hashes per ATC code. `nil` when not known (a
    /// group rebuilt from stored sums without it), which suppresses the group's counts.
    public var patients: Int?
    /// The first distinct patient hashes, at most `SmallNumbers.threshold` of them, kept inline: a new ATC code
    /// costs no allocation, so the cost does not grow with the number of distinct codes.
    private var seenPatients = PatientSample()

    public init() {}

    mutating func add(_ row: borrowing ExtractRow) {
        if dispensings == 0 { substance = String(decoding: row.substance, as: UTF8.self) }
        dispensings += 1
        packagesMilli += row.packagesMilli
        if let ddd = row.dddMilli {
            dddMilli += ddd
            hasDDD = true
        }
        marker = max(marker, row.marker)
        if seenPatients.count < SmallNumbers.threshold {
            seenPatients.insert(ExtractAggregates.hash(row.patientID))
            patients = max(patients ?? 0, seenPatients.count)
        }
    }

    /// Adds the sums of the same group from a later part of the extract: the substance stays the first one seen.
    mutating func merge(_ later: AggregateGroup) {
        if dispensings == 0 { substance = later.substance }
        dispensings += later.dispensings
        packagesMilli += later.packagesMilli
        dddMilli += later.dddMilli
        hasDDD = hasDDD || later.hasDDD
        marker = max(marker, later.marker)
        for index in 0..<later.seenPatients.count where seenPatients.count < SmallNumbers.threshold {
            seenPatients.insert(later.seenPatients[index])
        }
        if patients != nil || later.patients != nil {
            patients = max(patients ?? 0, later.patients ?? 0, seenPatients.count)
        }
    }

    /// Whether the group's counts are suppressed (fewer than five patients, or not known).
    public var isSuppressed: Bool { SmallNumbers.suppresses(patients: patients) }
}

extension UnregisteredReport {
    /// Sorts by packages (human) or dispensings (animal), descending, ties by ATC code; rounds half up.
    ///
    /// Suppressed lines come after all shown ones, by ATC code: placed by size, a line's rank between two shown
    /// lines would tell its count within their range.
    public static func make(
        year: Int, species: ExtractRow.Species, groups: [ATCKey: AggregateGroup], distinctProducts: Int, top: Int
    ) -> UnregisteredReport {
        let byPackages = species == .human
        let sorted = groups.sorted { a, b in
            precedes(rank(a.key, a.value, byPackages: byPackages), rank(b.key, b.value, byPackages: byPackages))
        }
        return make(
            year: year, species: species, ranked: sorted.prefix(max(0, top)).map { ($0.key, $0.value) },
            patientsAtLeast: groups.values.compactMap(\.patients).max(), distinctProducts: distinctProducts)
    }

    /// What a line's place depends on: its code, whether it is suppressed, and its size (packages in thousandths
    /// for humans, dispensings for animals).
    struct Rank {
        let key: ATCKey
        let suppressed: Bool
        let size: Int64
    }

    static func rank(_ key: ATCKey, _ group: AggregateGroup, byPackages: Bool) -> Rank {
        Rank(
            key: key, suppressed: group.isSuppressed,
            size: byPackages ? group.packagesMilli : Int64(group.dispensings))
    }

    static func precedes(_ a: Rank, _ b: Rank) -> Bool {
        if a.suppressed != b.suppressed { return !a.suppressed }
        if a.suppressed { return a.key < b.key }
        return a.size != b.size ? a.size > b.size : a.key < b.key
    }

    /// The report of the first lines in order, given the most patients any group has (for the distinct products).
    static func make(
        year: Int, species: ExtractRow.Species, ranked: [(ATCKey, AggregateGroup)], patientsAtLeast: Int?,
        distinctProducts: Int
    ) -> UnregisteredReport {
        // The distinct products derive from all the year's patients; the largest known group gives a lower bound
        // on them. A filtered call (an ATC prefix) may suppress more than needed, never less.
        UnregisteredReport(
            year: year, species: species == .human ? "human" : "animal",
            distinctUnregisteredProducts: distinctProducts == 0
                ? .value(0) : ReportedCount(distinctProducts, patients: patientsAtLeast),
            top: ranked.map { key, group in
                Line(
                    atc: key.description, substance: group.substance,
                    dispensings: ReportedCount(group.dispensings, patients: group.patients),
                    packages: ReportedCount(
                        UnregisteredReportAggregator.whole(group.packagesMilli), patients: group.patients),
                    ddd: group.hasDDD
                        ? ReportedCount(UnregisteredReportAggregator.whole(group.dddMilli), patients: group.patients)
                        : nil,
                    marker: group.marker.name)
            })
    }
}

/// Sums unregistered rows of one year and species by ATC code in one pass; memory grows with the number of ATC
/// codes (in an `ATCGroupTable`), never with the number of rows.
public struct UnregisteredReportAggregator {
    public let year: Int
    public let species: ExtractRow.Species
    private var groups = ATCGroupTable()
    private var products = ProductNumberSet()

    public init(year: Int, species: ExtractRow.Species) {
        self.year = year
        self.species = species
    }

    public mutating func add(_ row: borrowing ExtractRow) {
        guard row.unregistered, row.year == year, row.species == species else { return }
        if let product = row.productNumber {
            products.insert(product)
        }
        groups.add(row)
    }

    /// Adds what another aggregator read from a later part of the same extract: the result is the one a single
    /// pass over both parts gives.
    public mutating func merge(_ later: UnregisteredReportAggregator) {
        products.formUnion(later.products)
        groups.merge(later.groups)
    }

    /// Half-up rounding of thousandths to a whole number.
    static func whole(_ milli: Int64) -> Int { Int((milli + 500) / 1000) }

    /// Ranks the codes (a few bytes each) keeping only the first `top` in order, and builds groups for the lines
    /// shown only, so the report makes no second table of every code and sorts no more than it shows.
    public func report(top: Int) -> UnregisteredReport {
        let byPackages = species == .human
        var best: [UnregisteredReport.Rank] = []
        let wanted = max(0, top)
        best.reserveCapacity(min(wanted, groups.count) + 1)
        var patientsAtLeast: Int?
        groups.forEach { key, slot in
            patientsAtLeast = max(patientsAtLeast ?? 0, slot.patients)
            let rank = UnregisteredReport.Rank(
                key: key, suppressed: SmallNumbers.suppresses(patients: slot.patients),
                size: byPackages ? slot.packagesMilli : Int64(slot.dispensings))
            guard wanted > 0 else { return }
            if best.count == wanted {
                guard let last = best.last, UnregisteredReport.precedes(rank, last) else { return }
                best.removeLast()
            }
            var low = 0
            var high = best.count
            while low < high {
                let middle = (low + high) / 2
                if UnregisteredReport.precedes(best[middle], rank) { low = middle + 1 } else { high = middle }
            }
            best.insert(rank, at: low)
        }
        let keys = best.map(\.key)
        return UnregisteredReport.make(
            year: year, species: species, ranked: Array(zip(keys, groups.groups(keys))),
            patientsAtLeast: patientsAtLeast, distinctProducts: products.count)
    }
}
