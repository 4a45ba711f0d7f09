import Testing

@testable import TilgangDomain

/// `tilgang report` on every core (issue 20): the extract cut at record boundaries outside quotes, the parts read
/// apart and their sums merged give the single pass's report, and faults keep the file's line numbers.
@Suite struct ParallelReportTests {
    /// Rows with quoted substances holding commas, doubled quotes and newlines, many ATC codes and patients.
    static func extract(rows: Int) -> String {
        var text = ExtractReader.header + "\n"
        for index in 0..<rows {
            let code = "N0\(index % 7)A\(["A", "B", "C"][index % 3])\(10 + index % 13)"
            let substance =
                index % 4 == 0
                ? "\"Stoff \(index % 13), «\"\"sitat\"\"»\nlinje to\"" : "Stoff \(index % 13) æøå"
            let ddd = index % 5 == 0 ? "" : "\(index % 40).5"
            let marker = index % 17 == 0 ? "shortage" : index % 29 == 0 ? "deregistered" : ""
            text +=
                "\(2023 + index % 2),\(code),\(substance),\(100_000 + index % 50),human,pasient-\(index % 37),"
                + "\(1 + index % 3).25,\(ddd),\(index % 6 == 0 ? 0 : 1),\(marker)\n"
        }
        return text
    }

    static func sequential(_ bytes: [UInt8]) throws -> UnregisteredReportAggregator {
        var aggregator = UnregisteredReportAggregator(year: 2024, species: .human)
        var reader = ExtractReader()
        try bytes.withUnsafeBytes { raw in try reader.feed(raw) { aggregator.add($0) } }
        try reader.finish { aggregator.add($0) }
        return aggregator
    }

    static func parallel(_ bytes: [UInt8], parts count: Int, chunk: Int) throws -> UnregisteredReportAggregator {
        let parts = ExtractSplitter.parts(size: bytes.count, count: count, chunk: chunk) { Array(bytes[$0]) }
        #expect(parts.first?.range.lowerBound == 0 && parts.last?.range.upperBound == bytes.count)
        var merged = UnregisteredReportAggregator(year: 2024, species: .human)
        for part in parts {
            var aggregator = UnregisteredReportAggregator(year: 2024, species: .human)
            var reader = part.range.lowerBound == 0 ? ExtractReader() : ExtractReader(continuingAtLine: part.firstLine)
            try Array(bytes[part.range]).withUnsafeBytes { raw in try reader.feed(raw) { aggregator.add($0) } }
            try reader.finish { aggregator.add($0) }
            merged.merge(aggregator)
        }
        return merged
    }

    @Test func thePartsMergedGiveTheSinglePassReport() throws {
        // given
        let bytes = Array(Self.extract(rows: 3000).utf8)
        let expected = try Self.sequential(bytes).report(top: 100)
        #expect(expected.top.count > 20)
        // when / then: cuts at every kind of place, inside quoted newlines and commas among them
        for count in 2...9 {
            for chunk in [1, 7, 4096] {
                #expect(try Self.parallel(bytes, parts: count, chunk: chunk).report(top: 100) == expected)
            }
        }
    }

    @Test func cutsFallOnlyAfterANewlineOutsideQuotes() throws {
        let text = Self.extract(rows: 400)
        let bytes = Array(text.utf8)
        let parts = ExtractSplitter.parts(size: bytes.count, count: 8) { Array(bytes[$0]) }
        #expect(parts.count == 8)
        for part in parts.dropFirst() {
            let before = bytes[..<part.range.lowerBound]
            #expect(before.last == 0x0A)
            #expect(before.filter { $0 == 0x22 }.count % 2 == 0, "not inside a quoted field")
            #expect(part.firstLine == before.filter { $0 == 0x0A }.count + 1)
        }
    }

    @Test func aFaultInALaterPartNamesTheFilesLine() throws {
        // given: a bad year on a row in the last quarter of the file
        var lines = Self.extract(rows: 2000).components(separatedBy: "\n")
        let target = lines.count * 7 / 8
        let index = try #require((target..<lines.count).first { lines[$0].hasPrefix("2024,") })
        lines[index] = "20x4" + lines[index].dropFirst(4)
        let bytes = Array(lines.joined(separator: "\n").utf8)
        // when
        var sequentialError: ExtractError?
        do { _ = try Self.sequential(bytes) } catch { sequentialError = error as? ExtractError }
        var parallelError: ExtractError?
        do { _ = try Self.parallel(bytes, parts: 2, chunk: 64) } catch { parallelError = error as? ExtractError }
        // then
        #expect(sequentialError != nil)
        #expect(parallelError?.line == sequentialError?.line)
        #expect(parallelError?.field == "year")
    }
}
