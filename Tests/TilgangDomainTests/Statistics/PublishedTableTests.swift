import Foundation
import Testing

@testable import TilgangDomain

/// The agency's published figures (seed 004, Tables 1–7) as the data files give them, and every figure the files
/// hold against the words of the seed itself.
@Suite struct PublishedTableTests {
    /// `<repo>/../shared`: beside the repository clone, locally and in CI.
    static let shared = SeedFactsTests.seedsDirectory.deletingLastPathComponent()

    static func table(_ number: Int) throws -> PublishedTable {
        let definition = try #require(PublishedTable.definitions.first { $0.number == number })
        let url = shared.appendingPathComponent("data/\(definition.file).csv")
        return try PublishedTable.read(definition, text: try String(contentsOf: url, encoding: .utf8))
    }

    /// Seed 004 with every run of whitespace made one space.
    static func seed004() throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: SeedFactsTests.seedsDirectory.path)
        let name = try #require(names.first { $0.hasPrefix("004_") && $0.hasSuffix(".txt") }, "no seed 004")
        return SeedFactsTests.normalised(
            try String(contentsOf: SeedFactsTests.seedsDirectory.appendingPathComponent(name), encoding: .utf8))
    }

    /// 105877 as the report writes it: «105 877».
    static func grouped(_ digits: String) -> String {
        var out = ""
        for (index, c) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { out.append(" ") }
            out.append(c)
        }
        return String(out.reversed())
    }

    @Test func everyTableIsReadWithItsColumnsAndRows() throws {
        let counts = [1: 5, 2: 49, 3: 14, 4: 50, 5: 5, 6: 21, 7: 23]
        for (number, rows) in counts {
            let table = try Self.table(number)
            #expect(table.rows.count == rows, "table \(number): \(table.rows.count) rows")
            #expect(table.rows.allSatisfy { $0.count == table.columns.count }, "table \(number)")
        }
        let two = try Self.table(2)
        #expect(two.rows[0] == ["R01AD12", "Flutikasonfuroat *", "105877", "137283", "3977190"])
        #expect(two.rows.contains(["N05CF01", "Zopiklon **", "92686", "89639", "2544243"]))
        #expect(two.rows.contains(["C10", "Lipidmodifiserende midler", "8331", "11758", "–"]))
        #expect(two.year == 2024 && two.species == .human)
        let seven = try Self.table(7)
        #expect(seven.rows[3] == ["H02AB06", "prednisolon", "543"] && seven.species == .animal)
        let three = try Self.table(3)
        #expect(three.rows[1] == ["N02BG10", "THC 13,5 %, CBD < 1 %", "Bedrobinol urtete", "<5", "5", "5", "<5", "<5"])
        #expect(three.rows[8].suffix(5).allSatisfy { $0 == "–" }, "the agency gave no figures for this product")
    }

    @Test func noPublishedCellShowsOneToFour() throws {
        for definition in PublishedTable.definitions {
            let table = try Self.table(definition.number)
            for cell in table.rows.joined() {
                #expect(!["1", "2", "3", "4"].contains(cell), "table \(definition.number): \(cell)")
            }
        }
        #expect(
            PublishedTable.shown("3") == "<5" && PublishedTable.shown("0") == "0" && PublishedTable.shown("") == "–")
    }

    /// Every number and ATC code of the data files stands in seed 004, as the report prints it.
    @Test func theDataFilesFiguresAreTheSeedsOwn() throws {
        let seed = try Self.seed004()
        for definition in PublishedTable.definitions {
            let table = try Self.table(definition.number)
            for row in table.rows {
                for (index, cell) in row.enumerated() where Int(cell) != nil && cell.count > 1 {
                    let column = definition.columns[index].key
                    if column == "year" { continue }
                    #expect(
                        seed.contains(" \(Self.grouped(cell)) ") || seed.contains(" \(cell) "),
                        "table \(definition.number), \(column): \(cell) is not in seed 004")
                }
                if definition.columns.first?.key == "atc_code" {
                    #expect(seed.contains(row[0]), "table \(definition.number): \(row[0]) is not in seed 004")
                }
            }
        }
        // and the rows are in the seed's order: Table 2's first and last lines
        let two = try Self.table(2)
        #expect(seed.contains("R01AD12 Flutikasonfuroat* 105 877 137 283 3 977 190"))
        #expect(two.rows.last?.first == "A11EX")
    }

    @Test func aMissingColumnIsNamed() {
        let definition = PublishedTable.definitions[0]
        #expect(throws: PublishedTable.ReadError.self) {
            _ = try PublishedTable.read(definition, text: "year,applications\n2020,6018\n")
        }
    }

    @Test func quotedFieldsKeepTheirCommas() {
        let records = PublishedTable.csvRecords("a,b\n\"x, y\",\"sier \"\"hei\"\"\"\n")
        #expect(records == [["a", "b"], ["x, y", "sier \"hei\""]])
    }
}
