import Testing

@testable import TilgangDomain

/// The report's flat table of sums per ATC code (issue 20) gives the report the dictionary of `AggregateGroup`s
/// gave: with thousands of codes (the table grows and rehashes many times), codes of every length, substances
/// with Norwegian letters, a group's first substance kept, patients counted up to the threshold, and parts merged.
@Suite struct ATCGroupTableTests {
    /// 6 000 codes of 3 to 7 characters, ten rows each; a code's rows have from one to nine patients, and its substance changes
    /// after the first row (the first one is the one kept).
    static func extract() -> [UInt8] {
        var text = ExtractReader.header + "\n"
        let letters = Array("ABCDEFGHJKLMNPQRSTVX")
        for index in 0..<60_000 {
            let code = index % 6_000
            let atc =
                String(letters[code % 20]) + String(format2(code / 20 % 100))
                + String(repeating: String(letters[code / 2_000 % 20]), count: code % 5)
            let substance = index < 6_000 ? "Stoff \(code) «æøå»" : "Senere \(code)"
            let patient = "p\(index / 6_000 % (1 + code % 9))-\(code)"
            let ddd = code % 4 == 0 ? "" : "\(code % 50).125"
            let marker = code % 11 == 0 ? "shortage" : code % 13 == 0 ? "deregistered" : ""
            text +=
                "\(index % 7 == 0 ? 2023 : 2024),\(atc),\(substance),\(100_000 + code % 700),"
                + "\(index % 10 == 0 ? "animal" : "human"),\(patient),\(1 + code % 4).5,\(ddd),1,\(marker)\n"
        }
        return Array(text.utf8)
    }

    static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The report as the dictionary of groups made it.
    static func reference(_ bytes: [UInt8], species: ExtractRow.Species) throws -> UnregisteredReport {
        var aggregates = ExtractAggregates()
        var reader = ExtractReader()
        try bytes.withUnsafeBytes { raw in try reader.feed(raw) { aggregates.add($0) } }
        try reader.finish { aggregates.add($0) }
        var groups: [ATCKey: AggregateGroup] = [:]
        for (key, group) in aggregates.groups where key.year == 2024 && key.species == species {
            groups[key.atc] = group
        }
        return UnregisteredReport.make(
            year: 2024, species: species, groups: groups,
            distinctProducts: aggregates.distinctProducts(year: 2024, species: species), top: 100_000)
    }

    @Test(arguments: [ExtractRow.Species.human, .animal])
    func theTableGivesTheDictionarysReport(species: ExtractRow.Species) throws {
        let bytes = Self.extract()
        let expected = try Self.reference(bytes, species: species)
        // every tenth row is an animal's, so their codes are fewer
        #expect(expected.top.count > (species == .human ? 4_000 : 150))
        if species == .human {
            #expect(expected.top.contains { $0.dispensings == .suppressed })
            #expect(expected.top.contains { $0.dispensings != .suppressed })
        }
        // one pass
        var single = UnregisteredReportAggregator(year: 2024, species: species)
        var reader = ExtractReader()
        try bytes.withUnsafeBytes { raw in try reader.feed(raw) { single.add($0) } }
        try reader.finish { single.add($0) }
        #expect(single.report(top: 100_000) == expected)
        #expect(
            single.report(top: 7)
                == UnregisteredReport(
                    year: expected.year, species: expected.species,
                    distinctUnregisteredProducts: expected.distinctUnregisteredProducts,
                    top: Array(expected.top.prefix(7))))
        // three parts, read apart and merged as `tilgang report` does
        let read = try ParallelReportTests.parallel(bytes, parts: 3, window: 1 << 12, species: species)
        #expect(read.ranges.count == 3)
        let merged: UnregisteredReportAggregator? = read.sums
        #expect(merged?.report(top: 100_000) == expected)
    }

    /// A small first part merged with a large later one (the first table grows to the later one's size before
    /// taking its codes in slot order) and a large first part with a small later one give the single pass's
    /// report, the first substance of each code kept.
    @Test(arguments: [10, 59_990])
    func partsOfVeryDifferentSizesMerge(firstRows: Int) throws {
        let bytes = Self.extract()
        let expected = try Self.reference(bytes, species: .human)
        let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let cut = text.prefix(1 + firstRows).reduce(0) { $0 + $1.utf8.count + 1 }
        var first = UnregisteredReportAggregator(year: 2024, species: .human)
        var reader = ExtractReader()
        try Array(bytes[..<cut]).withUnsafeBytes { raw in try reader.feed(raw) { first.add($0) } }
        try reader.finish { first.add($0) }
        var later = UnregisteredReportAggregator(year: 2024, species: .human)
        reader = ExtractReader(continuingAtLine: 2 + firstRows)
        try Array(bytes[cut...]).withUnsafeBytes { raw in try reader.feed(raw) { later.add($0) } }
        try reader.finish { later.add($0) }
        first.merge(later)
        #expect(first.report(top: 100_000) == expected)
    }
}
