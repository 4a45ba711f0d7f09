import Foundation
import Testing

@testable import TilgangDomain

/// The followed medicines per species and year (issue 18): prednisolone's patients and animals apart, each count
/// in its own year's column, products paged and those that never reach five patients left out.
@Suite struct FollowedTableTests {
    static func aggregate(_ lines: [String]) throws -> ExtractAggregates {
        let text = ([ExtractReader.header] + lines).joined(separator: "\n") + "\n"
        var reader = ExtractReader()
        var aggregates = ExtractAggregates()
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBytes { raw in try reader.feed(raw) { row in aggregates.add(row) } }
        try reader.finish { row in aggregates.add(row) }
        return aggregates
    }

    @Test func prednisoloneIsCountedForPatientsAndAnimalsApart() throws {
        // given: 7 patients in 2023, 6 animals in 2023 and 5 animals in 2024, one of them also a patient id
        var lines: [String] = []
        for p in 0..<7 { lines.append("2023,H02AB06,prednisolon,,human,p\(p),1,1,1,") }
        for a in 0..<6 { lines.append("2023,H02AB06,prednisolon,,animal,a\(a),1,,1,") }
        for a in 0..<5 { lines.append("2024,H02AB06,prednisolon,,animal,p\(a),1,,1,") }
        // when
        let followed = try Self.aggregate(lines).followed
        // then
        let atc = try #require(ATCKey("H02AB06"))
        #expect(followed[.init(atc: atc, product: nil, species: .human)] == [2023: 7])
        #expect(followed[.init(atc: atc, product: nil, species: .animal)] == [2023: 6, 2024: 5])
    }

    static func series(_ atc: String, _ product: Int?, _ patients: [Int: Int]) -> FollowedTable.Series {
        FollowedTable.Series(atc: atc, productNumber: product, species: .human, label: "stoff", patients: patients)
    }

    @Test func eachCountSitsInItsYearsColumn() {
        // given: a series with 2024 only and one with 2022 and 2024
        let table = FollowedTable.make(
            [Self.series("H02AB06", nil, [2024: 60]), Self.series("N05CH01", nil, [2022: 9, 2024: 3])],
            years: [2022, 2023, 2024], page: 1)
        // then: 60 is in 2024's column, not the first one; 3 is «<5»; a year without patients is 0
        #expect(table.rows[0].cells == [0, 0, 60])
        #expect(table.rows[1].cells.map(\.description) == ["9", "0", "<5"])
    }

    @Test func productsUnderFiveEveryYearAreLeftOutAndTheRestPaged() {
        // given: 3 000 products with 1–4 patients and 45 with 5 or more
        var series = (0..<3000).map { Self.series("N02BG10", 100_000 + $0, [2023: 1 + $0 % 4]) }
        series += (0..<45).map { Self.series("N02BG10", 200_000 + $0, [2024: 5 + $0]) }
        series.append(Self.series("N05CH01", nil, [2023: 25_772]))
        // when
        let first = FollowedTable.make(series, years: [2023, 2024], page: 1)
        let last = FollowedTable.make(series, years: [2023, 2024], page: 99)
        // then
        #expect(first.hidden == 3000 && first.shown == 46 && first.pageCount == 3)
        #expect(first.rows.count == FollowedTable.pageSize)
        #expect(first.rows[0].atc == "N05CH01", "medicines followed by ATC code come first")
        #expect(last.page == 3 && last.rows.count == 6)
        let numbers = (first.rows + last.rows).compactMap(\.productNumber)
        #expect(numbers == numbers.sorted(), "ordered by product number, never by size")
        #expect(
            (first.rows + last.rows).allSatisfy { row in
                row.cells.allSatisfy { $0.value.map { $0 == 0 || $0 >= 5 } ?? true }
            })
    }
}
