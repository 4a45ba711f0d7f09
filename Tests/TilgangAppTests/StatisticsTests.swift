import Fluent
import Foundation
import Testing
import TilgangDomain
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Statistics from stored aggregates (issue 5): import all-or-nothing, report, suppression, CSV, page.
    @Suite struct StatisticsTests {
        /// Melatonin: 1 patient in 2022, 4 in 2023, 5 in 2024; a Bedrocan product with 0 in 2023 (absent).
        static func extract() -> String {
            var lines = [ExtractReader.header]
            func row(_ year: Int, _ atc: String, _ substance: String, _ product: String, _ patient: String) {
                lines.append("\(year),\(atc),\(substance),\(product),human,\(patient),1,2,1,")
            }
            row(2022, "N05CH01", "Melatonin", "111111", "a")
            for patient in ["a", "b", "c", "d", "d"] { row(2023, "N05CH01", "Melatonin", "111111", patient) }
            for patient in ["a", "b", "c", "d", "e"] { row(2024, "N05CH01", "Melatonin", "111112", patient) }
            row(2024, "N02BG10", "Bedrocan urtete", "222222", "x")
            lines.append("2024,R01AD12,\"Flutikasonfuroat, nesespray\",333333,human,y,2.5,,1,shortage")
            lines.append("2024,R01AD12,\"Flutikasonfuroat, nesespray\",333333,human,z,0.5,,0,")
            return lines.joined(separator: "\n") + "\n"
        }

        static func write(_ text: String) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID()).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        @Test func importThenReportFollowSuppressAndDownload() async throws {
            try await withTilgangApp { app in
                // given
                let service = app.statistics
                _ = try await service.store(try service.importExtract(try Self.write(Self.extract())))
                // when / then: the report from stored aggregates
                let report = try await service.report(year: 2024, species: .human, atcPrefix: nil, top: 10)
                // lines from fewer than five patients come last, by ATC code, every count suppressed (finding 11)
                #expect(report.top.map(\.atc) == ["N05CH01", "N02BG10", "R01AD12"])
                #expect(report.top[2].packages == .suppressed && report.top[2].marker == "shortage")
                #expect(report.top[2].dispensings == .suppressed)
                #expect(report.distinctUnregisteredProducts == .suppressed, "3 products: no value from 1 to 4")
                let filtered = try await service.report(year: 2024, species: .human, atcPrefix: "n05", top: 10)
                #expect(filtered.top.map(\.atc) == ["N05CH01"])
                // small numbers never leave: 1 and 4 as "<5", 5 as it is
                let followed = try await service.followed()
                let melatonin = try #require(followed.first { $0.atc == "N05CH01" })
                #expect(melatonin.patients == ["2022": "<5", "2023": "<5", "2024": "5"])
                let bedrocan = try #require(followed.first { $0.atc == "N02BG10" })
                #expect(bedrocan.productNumber == 222222 && bedrocan.patients == ["2024": "<5"])
                try await app.testing().test(.GET, "/api/v1/statistics/followed") { res in
                    #expect(!res.body.string.contains("\"1\"") && res.body.string.contains("<5"))
                }
                try await app.testing().test(.GET, "/statistikk-fulgt.csv") { res in
                    #expect(res.body.string.contains("N05CH01,,human,Melatonin,<5,<5,5"))
                    #expect(res.body.string.contains("N02BG10,222222,human,Bedrocan urtete,0,0,<5"))
                }
                try await app.testing().test(.GET, "/statistikk.csv?year=2024&species=human") { res in
                    #expect(res.headers.contentType?.subType == "csv")
                    #expect(res.body.string.contains("R01AD12,\"Flutikasonfuroat, nesespray\",<5,<5,,shortage"))
                }
                try await app.testing().test(.GET, "/statistikk?year=2024&species=human&atc=R01") { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("id=\"top-chart\"") && res.body.string.contains("R01AD12"))
                    #expect(!res.body.string.contains("N05CH01 Melatonin"))
                }
                try await app.testing().test(.GET, "/statistikk?atc=n%C3%B8") { res in
                    #expect(res.body.string.contains("id=\"statistics-error\""))
                }
                // no patient ids are stored anywhere
                let followedRows = try await StatFollowedModel.query(on: app.db).all()
                #expect(followedRows.allSatisfy { $0.label != "a" })
            }
        }

        @Test func aBadExtractChangesNothing() async throws {
            try await withTilgangApp { app in
                let service = app.statistics
                _ = try await service.store(try service.importExtract(try Self.write(Self.extract())))
                let bad = Self.extract().replacingOccurrences(of: "2024,N02BG10", with: "2024,N02BG1ø")
                #expect(throws: ExtractError.self) { _ = try service.importExtract(try Self.write(bad)) }
                do {
                    _ = try service.importExtract(try Self.write(bad))
                } catch let error as ExtractError {
                    #expect(error.line == 13 && error.field == "atc_code")
                }
                let report = try await service.report(year: 2024, species: .human, atcPrefix: nil, top: 10)
                #expect(report.top.count == 3)
            }
        }
    }
}
