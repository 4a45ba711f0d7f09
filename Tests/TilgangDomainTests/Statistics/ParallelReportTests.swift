import Foundation
import Testing

@testable import TilgangDomain

/// `tilgang report` on every core (issue 20): the extract is cut at guessed record boundaries without reading it
/// first; the parts are read apart and their sums merged, and a guess that fell inside a quoted field is found and
/// read again, so the result (sums, or the first fault with the file's line) is the single pass's.
@Suite struct ParallelReportTests {
    /// Rows with quoted substances holding commas, doubled quotes, æøå and newlines, many ATC codes and patients.
    static func extract(rows: Int) -> String {
        var text = ExtractReader.header + "\n"
        for index in 0..<rows {
            let code = "N0\(index % 7)A\(["A", "B", "C"][index % 3])\(10 + index % 13)"
            let substance =
                index % 4 == 1
                ? "\"Stoff \(index % 13), «\"\"sitat\"\"» æøå\nlinje to\nlinje, tre\"" : "Stoff \(index % 13) æøå"
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

    /// Reads `range` of `bytes` as `tilgang report` reads a part of the file, through a buffer of `buffer` bytes.
    static func read(
        _ bytes: [UInt8], _ range: Range<Int>, isLast: Bool, buffer: Int, species: ExtractRow.Species = .human
    ) -> ExtractPartResult {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer, alignment: 8)
        defer { memory.deallocate() }
        return ExtractParts.read(range, isLast: isLast, year: 2024, species: species, buffer: memory) {
            offset, into in
            let count = min(into.count, bytes.count - offset)
            bytes.withUnsafeBytes {
                into.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count]))
            }
            return count
        }
    }

    /// The extract read as `tilgang report` reads it: cut into `count` guessed parts, each read apart, then
    /// combined; `rereads` counts the ranges read again.
    static func parallel(
        _ bytes: [UInt8], parts count: Int, window: Int = 64, buffer: Int = 4096, species: ExtractRow.Species = .human
    ) throws
        -> (sums: UnregisteredReportAggregator, ranges: [Range<Int>], rereads: Int)
    {
        let ranges = ExtractSplitter.parts(size: bytes.count, count: count, window: window) { Array(bytes[$0]) }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        let results = ranges.indices.map {
            read(bytes, ranges[$0], isLast: $0 == ranges.count - 1, buffer: buffer, species: species)
        }
        var rereads = 0
        let sums = try ExtractParts.combine(
            ranges: ranges, result: { results[$0] },
            reread: { range, isLast in
                rereads += 1
                return read(bytes, range, isLast: isLast, buffer: buffer, species: species)
            })
        return (sums, ranges, rereads)
    }

    @Test func thePartsMergedGiveTheSinglePassReport() throws {
        // given
        let bytes = Array(Self.extract(rows: 3000).utf8)
        let expected = try Self.sequential(bytes).report(top: 100)
        #expect(expected.top.count > 20)
        #expect(expected.top.contains { $0.substance.contains("\n") && $0.substance.contains("æøå") })
        // when / then: cuts at every kind of place, guesses inside quoted newlines and commas among them
        var rereads = 0
        for count in 2...9 {
            for window in [1, 7, 4096] {
                for buffer in [1, 13, 4096] {
                    let read = try Self.parallel(bytes, parts: count, window: window, buffer: buffer)
                    #expect(read.sums.report(top: 100) == expected)
                    #expect(read.ranges.count == count)
                    rereads += read.rereads
                }
            }
        }
        #expect(rereads > 0, "some guesses fell inside a quoted field")
    }

    @Test func aGuessInsideAQuotedFieldIsReadAgainWithThePartBeforeIt() throws {
        // given: one row whose substance is a quoted field of 2 000 lines (with commas) across the middle
        let long = (1...2000).map { "linje \($0), æøå" }.joined(separator: "\n")
        var text = ExtractReader.header + "\n"
        for index in 0..<10 { text += "2024,N05CH01,Melatonin,123456,human,p\(index),1,1,1,\n" }
        text += "2024,N05CF01,\"\(long)\",123457,human,p1,2,,1,shortage\n"
        for index in 0..<10 { text += "2024,N05CH01,Melatonin,123456,human,q\(index),1,1,1,\n" }
        let bytes = Array(text.utf8)
        let expected = try Self.sequential(bytes).report(top: 10)
        // when
        let read = try Self.parallel(bytes, parts: 2)
        // then: the guessed cut (the first newline after the middle) is inside the field, so both parts are one
        #expect(read.ranges.count == 2)
        #expect(read.rereads == 1)
        #expect(read.sums.report(top: 10) == expected)
        #expect(read.sums.report(top: 10).top.map(\.atc) == ["N05CH01", "N05CF01"])
    }

    @Test func veryUnequalPartsOneRowAndAnEmptyFile() throws {
        // a first row of 200 000 bytes in one quoted field without a newline, then short rows: every guess
        // falls after that row, so the first part is far larger than the others
        var text = ExtractReader.header + "\n2024,N05CF01,\"\(String(repeating: "æøå, \"\"", count: 20_000))\","
        text += "123457,human,p1,2,,1,\n"
        for index in 0..<50 { text += "2024,N05CH01,Melatonin,123456,human,p\(index),1,1,1,\n" }
        let bytes = Array(text.utf8)
        let expected = try Self.sequential(bytes).report(top: 10)
        for count in [2, 3, 5, 16] {
            let read = try Self.parallel(bytes, parts: count, window: 100)
            #expect(read.sums.report(top: 10) == expected)
            let sizes = read.ranges.map(\.count)
            #expect((sizes.max() ?? 0) > 20 * (sizes.min() ?? 1))
        }
        // the same field with newlines in it: the guesses fall inside it and are read again
        let lines = Array(text.replacingOccurrences(of: ", \"\"", with: ",\n\"\"").utf8)
        let expectedLines = try Self.sequential(lines).report(top: 10)
        for count in [2, 3, 5, 16] {
            let read = try Self.parallel(lines, parts: count, window: 100)
            #expect(read.sums.report(top: 10) == expectedLines)
            #expect(read.rereads > 0)
        }
        // one row, no newline at the end
        let one = Array((ExtractReader.header + "\n2024,N05CH01,Melatonin,123456,human,p1,1,1,1,").utf8)
        for count in [1, 2, 8] {
            let read = try Self.parallel(one, parts: count, window: 4)
            #expect(read.sums.report(top: 5) == (try Self.sequential(one).report(top: 5)))
            #expect(read.sums.report(top: 5).top.count == 1)
        }
        // an empty file: the same fault as a single pass
        #expect(ExtractSplitter.parts(size: 0, count: 2) { _ in [] } == [0..<0])
        #expect(
            throws: ExtractError(
                line: 1, field: "header", message: "filen er tom; første linje skal være \(ExtractReader.header)")
        ) {
            try Self.parallel([], parts: 2)
        }
        // a quote left open at the end of the last part
        let open = Array((ExtractReader.header + "\n2024,N05CH01,\"Melatonin\n,123456,human,p1,1,1,1,\n").utf8)
        for count in [1, 2, 4] {
            #expect(throws: ExtractError.self) { try Self.parallel(open, parts: count, window: 1) }
        }
    }

    @Test func guessedCutsFallJustAfterANewline() throws {
        let bytes = Array(Self.extract(rows: 400).utf8)
        let ranges = ExtractSplitter.parts(size: bytes.count, count: 8) { Array(bytes[$0]) }
        #expect(ranges.count == 8)
        for range in ranges.dropFirst() {
            #expect(bytes[range.lowerBound - 1] == 0x0A)
        }
        // each guess is the first newline at or after its share of the file
        for (index, range) in ranges.enumerated().dropFirst() {
            let share = bytes.count / 8 * index
            #expect(!bytes[share..<(range.lowerBound - 1)].contains(0x0A))
        }
    }

    @Test func aFaultInALaterPartNamesTheFilesLine() throws {
        // given: a bad year on a row in the last quarter of the file, after many quoted newlines
        var lines = Self.extract(rows: 2000).components(separatedBy: "\n")
        let target = lines.count * 7 / 8
        let index = try #require((target..<lines.count).first { lines[$0].hasPrefix("2024,") })
        lines[index] = "20x4" + lines[index].dropFirst(4)
        let bytes = Array(lines.joined(separator: "\n").utf8)
        // when
        var sequentialError: ExtractError?
        do { _ = try Self.sequential(bytes) } catch { sequentialError = error as? ExtractError }
        // then: with any number of parts, the same line and field
        #expect(sequentialError?.line == index + 1)
        for count in 2...6 {
            var parallelError: ExtractError?
            do { _ = try Self.parallel(bytes, parts: count, buffer: 64) } catch {
                parallelError = error as? ExtractError
            }
            #expect(parallelError == sequentialError)
        }
    }

    @Test func ofTwoFaultsTheFirstInTheFileIsReported() throws {
        var lines = Self.extract(rows: 2000).components(separatedBy: "\n")
        let early = try #require((lines.count / 4..<lines.count).first { lines[$0].hasPrefix("2024,") })
        let late = try #require((lines.count * 7 / 8..<lines.count).first { lines[$0].hasPrefix("2024,") })
        lines[early] = lines[early].replacingOccurrences(of: ",human,", with: ",menneske,")
        lines[late] = "20x4" + lines[late].dropFirst(4)
        let bytes = Array(lines.joined(separator: "\n").utf8)
        for count in 2...6 {
            var fault: ExtractError?
            do { _ = try Self.parallel(bytes, parts: count) } catch { fault = error as? ExtractError }
            #expect(fault?.line == early + 1)
            #expect(fault?.field == "species")
        }
    }
}
