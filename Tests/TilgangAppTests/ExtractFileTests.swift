import Foundation
import Testing
import TilgangDomain

@testable import TilgangApp

/// `tilgang report`'s reading of an extract file on every core (issue 20): a file large enough to be cut gives the
/// single pass's report, through a symbolic link too (its size is the file's, not the link's), and a fault near
/// its end names the file's line.
@Suite struct ExtractFileTests {
    /// About 11 MB: quoted substances with commas, doubled quotes, newlines and æøå on every fifth row.
    static func extract(rows: Int = 160_000) -> [String] {
        var lines = [ExtractReader.header]
        lines.reserveCapacity(rows + 1)
        for index in 0..<rows {
            let code = "N0\(index % 7)A\(["A", "B", "C"][index % 3])\(10 + index % 83)"
            let substance =
                index % 5 == 1
                ? "\"Stoff \(index % 83), «\"\"sitat\"\"» æøå\nlinje to, og tre\"" : "Stoff æøå \(index % 83)"
            lines.append(
                "\(2023 + index % 2),\(code),\(substance),\(100_000 + index % 900),human,pasient-\(index % 4_001),"
                    + "\(1 + index % 3).25,\(index % 4 == 0 ? "" : "\(index % 40).5"),\(index % 6 == 0 ? 0 : 1),"
                    + "\(index % 17 == 0 ? "shortage" : "")")
        }
        return lines
    }

    static func write(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID()).csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func singlePass(_ path: String) throws -> UnregisteredReportAggregator {
        var aggregator = UnregisteredReportAggregator(year: 2024, species: .human)
        _ = try ExtractFile.read(path) { aggregator.add($0) }
        return aggregator
    }

    @Test func theFileReadOnEveryCoreGivesTheSinglePassReportAlsoThroughALink() throws {
        // given
        let path = try Self.write(Self.extract())
        let link = path + ".link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: link)
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 2 * ChunkedFile.chunkSize, "large enough to be cut")
        let expected = try Self.singlePass(path).report(top: 1_000)
        #expect(expected.top.count > 100)
        #expect(expected.top.contains { $0.substance.contains("\n") && $0.substance.contains("æøå") })
        let linked = try #require(FileHandle(forReadingAtPath: link))
        defer { try? linked.close() }
        #expect(ExtractFile.size(of: linked.fileDescriptor) == size, "the file's size, not the link's")
        // when / then
        #expect(try ExtractFile.aggregate(path, year: 2024, species: .human).report(top: 1_000) == expected)
        #expect(try ExtractFile.aggregate(link, year: 2024, species: .human).report(top: 1_000) == expected)
    }

    @Test func aFaultNearTheEndNamesTheFilesLine() throws {
        // given: a bad number of packages on a 2024 row in the last tenth of the file
        var lines = Self.extract()
        let index = try #require((lines.count * 9 / 10..<lines.count).first { lines[$0].hasPrefix("2024,") })
        lines[index] = lines[index].replacingOccurrences(of: ",human,", with: ",human,p,-1,x,") + ",x"
        let path = try Self.write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // when
        var single: ExtractError?
        do { _ = try Self.singlePass(path) } catch { single = error as? ExtractError }
        var parallel: ExtractError?
        do { _ = try ExtractFile.aggregate(path, year: 2024, species: .human) } catch {
            parallel = error as? ExtractError
        }
        // then: the same fault; the physical line counts the quoted newlines before it
        #expect(single != nil)
        #expect(parallel == single)
        let newlinesBefore = lines[..<index].reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        #expect(parallel?.line == index + 1 + newlinesBefore)
    }
}
