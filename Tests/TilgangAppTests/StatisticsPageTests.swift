import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// The statistics page you can trust (issue 18): followed medicines per species and year, products named and
    /// paged, every table of seed 004 with DMP's published figures beside Tilgang's, and no count of 1–4 anywhere.
    @Suite struct StatisticsPageTests {
        /// Prednisolone: 7 patients in 2023, 6 animals in 2023 and 2024; 30 cannabis products with one patient
        /// each in 2023, and 25 with five patients each in 2024 (the first one, 777000, in the catalogue).
        static func extract() -> String {
            var lines = [ExtractReader.header]
            for p in 0..<7 { lines.append("2023,H02AB06,prednisolon,,human,menneske-\(p),1,1,1,") }
            for a in 0..<6 {
                lines.append("2023,H02AB06,prednisolon,,animal,dyr-\(a),1,,1,")
                lines.append("2024,H02AB06,prednisolon,,animal,dyr-\(a),1,,1,")
            }
            for product in 0..<30 {
                lines.append("2023,N02BG10,cannabinoider,\(666_000 + product),human,c\(product),1,,1,")
            }
            for product in 0..<25 {
                for p in 0..<5 {
                    lines.append("2024,N02BG10,cannabinoider,\(777_000 + product),human,k\(product)-\(p),1,,1,")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        static func importExtract(_ app: Application) async throws {
            let path = try StatisticsTests.write(Self.extract())
            _ = try await app.statistics.store(try app.statistics.importExtract(path))
            let bedrocan = Medicine(
                id: "bedrocan-varenr", name: "Bedrocan urtete", substance: "cannabis", atc: "N02BG10",
                strength: "THC 22 %", productNumber: "777000", norwegianAuthorisation: .none)
            try await MedicineModel(bedrocan).create(on: app.db)
        }

        static func page(_ app: Application, _ query: String) async throws -> String {
            var html = ""
            try await app.testing().test(.GET, "/statistikk\(query)") { res in
                #expect(res.status == .ok)
                html = res.body.string
            }
            return html
        }

        /// The cells of each row of the table with `id`, HTML entities undone and tags stripped.
        static func rows(_ html: String, table id: String) throws -> [[String]] {
            let start = try #require(html.range(of: "id=\"\(id)\""), "no table \(id)")
            let end = try #require(html[start.upperBound...].range(of: "</table>"))
            let table = String(html[start.upperBound..<end.lowerBound])
            let body = table.components(separatedBy: "<tbody>").last ?? ""
            return body.components(separatedBy: "<tr").dropFirst().map { row in
                row.components(separatedBy: "<td").dropFirst().map { cell in
                    let inner = cell.drop { $0 != ">" }.dropFirst()
                    let text = String(inner.prefix { _ in true }).components(separatedBy: "</td>")[0]
                    return text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
                        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                        .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
        }

        static func headers(_ html: String, table id: String) throws -> [String] {
            let start = try #require(html.range(of: "id=\"\(id)\""))
            let head = try #require(html[start.upperBound...].range(of: "</thead>"))
            return html[start.upperBound..<head.lowerBound].components(separatedBy: "<th>").dropFirst()
                .map { $0.components(separatedBy: "</th>")[0] }
        }

        /// No cell of any table on the page holds a count from 1 to 4.
        static func expectNoSmallCounts(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for n in 1...4 {
                #expect(!html.contains("<td>\(n)</td>"), "a count of \(n) is shown", sourceLocation: sourceLocation)
            }
        }

        @Test func followedMedicinesPerSpeciesInTheirYearsColumnsNamedAndPaged() async throws {
            try await withTilgangApp(demoData: true) { app in
                // given
                try await Self.importExtract(app)
                // when
                let html = try await Self.page(app, "?year=2024&species=human")
                // then: each species apart, one column per year, each count under its own year
                #expect(
                    try Self.headers(html, table: "followed-table-human") == [
                        "Legemiddel", "ATC", "Varenr.", "2023", "2024",
                    ])
                let human = try Self.rows(html, table: "followed-table-human")
                #expect(human.first == ["prednisolon", "H02AB06", "", "7", "0"])
                let animal = try Self.rows(html, table: "followed-table-animal")
                #expect(animal == [["prednisolon", "H02AB06", "", "6", "6"]])
                // products named from the catalogue where it knows the product number, else by substance and number
                #expect(human[1] == ["Bedrocan urtete THC 22 %", "N02BG10", "777000", "0", "5"])
                #expect(human[2] == ["cannabinoider, varenr. 777001", "N02BG10", "777001", "0", "5"])
                // the 30 products with one patient are left out and counted; the 26 shown rows are paged
                #expect(html.contains("30 produkter med færre enn 5 i hvert år er ikke vist."))
                #expect(human.count == FollowedTable.pageSize)
                #expect(html.contains("Side 1 av 2 (26 rader)") && html.contains("id=\"followed-next-human\""))
                let second = try Self.rows(
                    try await Self.page(app, "?year=2024&species=human&side-mennesker=2"), table: "followed-table-human"
                )
                #expect(second.count == 6 && second.last?[2] == "777024")
                // the line chart draws the first seven rows, at a fixed size
                #expect(html.contains("id=\"followed-chart-human\" role=\"img\" aria-label=\"Linjediagram"))
                #expect(html.components(separatedBy: "<polyline").count - 1 == 7 + 1)
                Self.expectNoSmallCounts(html)
                #expect(html.components(separatedBy: "<tr").count < 400, "a page a person can read")
            }
        }

        /// The page's figures are kept a few seconds (`StatisticsCache`); an import through this server shows at
        /// once, on the page and in its table of the most used.
        @Test func aNewImportShowsAtOnce() async throws {
            try await withTilgangApp(demoData: true) { app in
                try await Self.importExtract(app)
                var html = try await Self.page(app, "?year=2023&species=human")
                #expect(
                    try Self.rows(html, table: "followed-table-human").first == [
                        "prednisolon", "H02AB06", "", "7", "0",
                    ])
                #expect(try Self.rows(html, table: "report-table").contains { $0.first == "H02AB06" && $0[2] == "7" })
                // A corrected extract of 2023: two more patients.
                var lines = [ExtractReader.header]
                for p in 0..<9 { lines.append("2023,H02AB06,prednisolon,,human,ny-\(p),1,1,1,") }
                let path = try StatisticsTests.write(lines.joined(separator: "\n") + "\n")
                _ = try await app.statistics.store(try app.statistics.importExtract(path))
                html = try await Self.page(app, "?year=2023&species=human")
                #expect(
                    try Self.rows(html, table: "followed-table-human").first == [
                        "prednisolon", "H02AB06", "", "9", "0",
                    ])
                #expect(try Self.rows(html, table: "report-table").contains { $0.first == "H02AB06" && $0[2] == "9" })
            }
        }

        @Test func everyPublishedTableIsShownLabelledAsTheDataFilesHaveIt() async throws {
            try await withTilgangApp(demoData: true) { app in
                try await Self.importExtract(app)
                let shared = Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
                for definition in PublishedTable.definitions {
                    // the bundled copy is the shared data file, byte for byte
                    let bundled = try Data(
                        contentsOf: Fixtures.packageRoot.appendingPathComponent(
                            "Sources/TilgangApp/Resources/\(definition.file).csv"))
                    let original = try Data(contentsOf: shared.appendingPathComponent("\(definition.file).csv"))
                    #expect(bundled == original, "\(definition.file).csv differs from shared/data")
                }
                #expect(PublishedTables.all.map(\.number) == [1, 2, 3, 4, 5, 6, 7])
                // every table of the most used medicines, through its year and species
                let pages: [(Int, String)] = [
                    (2, "?year=2024&species=human"), (4, "?year=2023&species=human"),
                    (6, "?year=2024&species=animal"), (7, "?year=2023&species=animal"),
                ]
                for (number, query) in pages {
                    let html = try await Self.page(app, query)
                    #expect(html.contains("data-table=\"\(number)\""), "table \(number) on \(query)")
                    try Self.expectShownAsInFile(html, table: "published-table", number: number)
                    #expect(html.contains("<h3>Publisert av DMP</h3>") && html.contains("<h3>Beregnet i Tilgang</h3>"))
                    Self.expectNoSmallCounts(html)
                }
                // Tables 1, 3 and 5 are on every page
                let html = try await Self.page(app, "")
                for number in [1, 3, 5] {
                    try Self.expectShownAsInFile(html, table: "published-table-\(number)", number: number)
                }
                #expect(html.contains("Kilde: DMP: Bruk av uregistrerte legemidler"))
            }
        }

        /// Every row of the shown table is the file's row: each cell is the file's field, «<5» for 1–4, «–» for
        /// an empty one, and the substance may carry the report's * or **.
        static func expectShownAsInFile(_ html: String, table: String, number: Int) throws {
            let definition = try #require(PublishedTable.definitions.first { $0.number == number })
            let text = try String(
                contentsOf: Fixtures.packageRoot.appendingPathComponent(
                    "Sources/TilgangApp/Resources/\(definition.file).csv"), encoding: .utf8)
            let records = PublishedTable.csvRecords(text)
            let header = try #require(records.first)
            let shown = try rows(html, table: table)
            #expect(shown.count == records.count - 1, "table \(number): \(shown.count) rows")
            for (row, record) in zip(shown, records.dropFirst()) {
                for (index, column) in definition.columns.enumerated() {
                    let position = try #require(header.firstIndex(of: column.key))
                    let field = record[position]
                    let cell = row[index]
                    let expected =
                        field.isEmpty ? "–" : (Int(field).map { (1...4).contains($0) } == true ? "<5" : field)
                    if column.key == "substance" {
                        #expect(cell.hasPrefix(field), "table \(number): «\(cell)» is not «\(field)»")
                    } else {
                        #expect(cell == expected, "table \(number), \(column.key): «\(cell)» is not «\(field)»")
                    }
                }
            }
        }

        @Test func applicationCountsUnderFiveAreSuppressedAndOnlyDecidedOnesCountAsDecided() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: one GP's application, not decided
                let api = APIClient(app: app)
                let submitted = try await ExemptionDeskTests.post(
                    app, api, "/api/v1/exemptions", as: "fastlege", body: ExemptionDeskTests.application())
                #expect(submitted.status == .created, "\(submitted.body)")
                // when / then: the page shows «<5» received and 0 decided, never 1
                let html = try await Self.page(app, "")
                let rows = try Self.rows(html, table: "applications-table")
                let year = String(app.clock.today.year)
                #expect(rows == [[year, "Mennesker", "<5", "0", "0"]])
                Self.expectNoSmallCounts(html)
                try await app.testing().test(.GET, "/api/v1/statistics/applications") { res in
                    let body = res.body.string
                    #expect(body.contains("\"received\":\"<5\"") && body.contains("\"agencyDecided\":0"))
                }
            }
        }
    }
}
