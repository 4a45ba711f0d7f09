import Foundation
import Testing

@testable import TilgangDomain

/// The register extract reader and the unregistered-medicine table (issue 5, seed 004).
@Suite struct ExtractReaderTests {
    static let header = ExtractReader.header

    /// Reads `text` in chunks of `chunk` bytes and returns the report for 2024 humans and the rows read.
    static func read(_ text: String, chunk: Int = 7, species: ExtractRow.Species = .human) throws
        -> (UnregisteredReport, Int)
    {
        var reader = ExtractReader()
        var aggregator = UnregisteredReportAggregator(year: 2024, species: species)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try bytes[offset..<end].withUnsafeBytes { raw in
                try reader.feed(raw) { row in aggregator.add(row) }
            }
            offset = end
        }
        try reader.finish { row in aggregator.add(row) }
        return (aggregator.report(top: 50), reader.rows)
    }

    /// Zopiklon reaches five patients (p1–p3, p7, p8), so its counts are shown; the others have one patient each.
    static let sample = #"""
        \#(header)
        2024,N05CF01,Zopiklon,123456,human,p1,0.5,3.75,1,
        2024,N05CF01,Zopiklon,123456,human,p2,1,,1,deregistered
        2024,N05CF01,Zopiklon,234567,human,p3,0.5,3.75,1,shortage
        2024,R01AD12,"Flutikasonfuroat, ""nesespray""",345678,human,p4,2,30,1,shortage
        2024,D10AD01,Tretinoin,,human,p5,2,,1,
        2024,A10BJ06,Semaglutid,456789,human,p6,9,1,0,shortage
        2023,A10BJ06,Semaglutid,456789,human,p6,9,1,1,
        2024,QP52AC01,triklabendazol,567890,animal,dyr1,1,,1,
        2024,N05CF01,Zopiklon,123456,human,p7,0.001,,1,
        2024,N05CF01,Zopiklon,123456,human,p8,0.001,,1,

        """#

    @Test func sumsRoundsMarksAndSortsWhateverTheChunkSize() throws {
        for chunk in [1, 3, 7, 64, 100_000] {
            // given the sample, when read in chunks of `chunk` bytes
            let (report, rows) = try Self.read(Self.sample, chunk: chunk)
            // then registered rows, other years and animals are left out; one-patient lines come last by ATC code
            #expect(rows == 10)
            #expect(report.top.map(\.atc) == ["N05CF01", "D10AD01", "R01AD12"], "chunk \(chunk)")
            let zopiclone = try #require(report.top.first { $0.atc == "N05CF01" })
            // 2 packages (rounded half up) is a value from 1 to 4, which no output shows (issue 18)
            #expect(zopiclone.dispensings == 5 && zopiclone.packages == .suppressed && zopiclone.ddd == 8)
            #expect(zopiclone.marker == "deregistered")  // deregistered beats shortage
            #expect(report.top.first { $0.atc == "D10AD01" }?.ddd == nil)
            #expect(report.top.first { $0.atc == "R01AD12" }?.substance == #"Flutikasonfuroat, "nesespray""#)
            #expect(report.top.first { $0.atc == "R01AD12" }?.ddd == .suppressed)
            #expect(report.distinctUnregisteredProducts == .suppressed, "3 products: no value from 1 to 4")
        }
    }

    @Test func tiesOnPackagesGoByATCCode() throws {
        // given three shown groups, two of them equal
        func group(_ packages: Int64) -> AggregateGroup {
            var g = AggregateGroup()
            g.dispensings = 10
            g.packagesMilli = packages
            g.patients = 5
            return g
        }
        let groups = [
            try #require(ATCKey("R01AD12")): group(2_000), try #require(ATCKey("D10AD01")): group(2_000),
            try #require(ATCKey("N05CF01")): group(3_000),
        ]
        // when
        let report = UnregisteredReport.make(
            year: 2024, species: .human, groups: groups, distinctProducts: 3, top: 10)
        // then
        #expect(report.top.map(\.atc) == ["N05CF01", "D10AD01", "R01AD12"])
    }

    @Test func animalsAreSortedByDispensings() throws {
        let (report, _) = try Self.read(Self.sample, species: .animal)
        #expect(report.top.map(\.atc) == ["QP52AC01"] && report.species == "animal")
    }

    @Test func halfAPackageRoundsUp() {
        #expect(UnregisteredReportAggregator.whole(2_500) == 3)
        #expect(UnregisteredReportAggregator.whole(2_499) == 2)
    }

    @Test func jsonHasTheIssuesShapeWithNulls() throws {
        // given
        let (report, _) = try Self.read(Self.sample)
        let tretinoin = try #require(report.top.first { $0.atc == "D10AD01" })
        // when
        let json = String(decoding: try JSONEncoder().encode(tretinoin), as: UTF8.self)
        // then
        #expect(json.contains(#""ddd":null"#) && json.contains(#""marker":null"#))
    }

    @Test func aBadRowNamesItsLineAndField() {
        let cases: [(String, Int, String)] = [
            ("2024,N05CF01,Zopiklon,12345,human,p1,1,,1,", 3, "product_number"),
            ("24,N05CF01,Zopiklon,,human,p1,1,,1,", 3, "year"),
            ("2024,n05cf01,Zopiklon,,human,p1,1,,1,", 3, "atc_code"),
            ("2024,N05CF01,Zopiklon,,menneske,p1,1,,1,", 3, "species"),
            ("2024,N05CF01,Zopiklon,,human,,1,,1,", 3, "patient_id"),
            ("2024,N05CF01,Zopiklon,,human,p1,0,,1,", 3, "packages"),
            ("2024,N05CF01,Zopiklon,,human,p1,1,-2,1,", 3, "ddd"),
            ("2024,N05CF01,Zopiklon,,human,p1,1,,ja,", 3, "unregistered"),
            ("2024,N05CF01,Zopiklon,,human,p1,1,,1,mangel", 3, "marker"),
            ("2024,N05CF01,Zopiklon,,human,p1,1,,1", 3, "row"),
        ]
        for (bad, line, field) in cases {
            let text = "\(Self.header)\n2024,A10BJ06,Semaglutid,,human,p0,1,,1,\n\(bad)\n"
            #expect(throws: ExtractError.self, "\(field)") { try Self.read(text) }
            do {
                _ = try Self.read(text)
            } catch let error as ExtractError {
                #expect(error.line == line && error.field == field, "\(error)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func aQuotedNewlineKeepsLineNumbersPhysical() {
        let text = "\(Self.header)\n2024,A10BJ06,\"Sema\nglutid\",,human,p0,1,,1,\n2024,X,Y,,human,p1,1,,1,feil\n"
        do {
            _ = try Self.read(text)
            Issue.record("expected an error")
        } catch let error as ExtractError {
            #expect(error.line == 4 && error.field == "marker")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The reader splits a record without quotes eight bytes at a time (issue 20); line ends, blank lines, a
    /// byte-order mark and a count of fields it must still read as the byte by byte path does, at any chunk size.
    @Test func crlfBlankLinesAndAByteOrderMarkReadAsPlainLinesWhateverTheChunkSize() throws {
        let (expected, rows) = try Self.read(Self.sample, chunk: 100_000)
        let crlf = "\u{FEFF}" + Self.sample.replacingOccurrences(of: "\n", with: "\r\n")
        let blanks = Self.sample.replacingOccurrences(of: ",\n2024,", with: ",\n\n\r\n2024,")
        for chunk in [1, 3, 7, 8, 9, 64, 100_000] {
            for text in [crlf, blanks] {
                let (report, read) = try Self.read(text, chunk: chunk)
                #expect(report == expected, "chunk \(chunk)")
                #expect(read == rows)
            }
        }
    }

    @Test func aRowWithTooManyOrTooFewFieldsIsCountedWhateverItsLength() {
        let good = "2024,A10BJ06,Semaglutid,,human,p0,1,,1,"
        for (row, fields) in [
            (good + ",", 11), (good + ",,", 12), (good + String(repeating: ",x", count: 10), 20), ("2024", 1),
        ] {
            for chunk in [5, 8, 100_000] {
                #expect(
                    throws: ExtractError(line: 4, field: "row", message: "raden har \(fields) felt, skal ha 10"),
                    "\(fields) fields, chunk \(chunk)"
                ) { try Self.read("\(Self.header)\n\(good)\n\n\(row)\n\(good)\n", chunk: chunk) }
            }
        }
    }

    @Test func aWrongHeaderOrAnEmptyFileIsRefused() {
        #expect(throws: ExtractError(line: 1, field: "header", message: "første linje skal være \(Self.header)")) {
            try Self.read("year,atc\n")
        }
        #expect(throws: ExtractError.self) { try Self.read("") }
    }
}

@Suite struct SmallNumbersTests {
    @Test func oneToFourAreSuppressed() {
        #expect(SmallNumbers.display(0) == "0")
        #expect(SmallNumbers.display(1) == "<5")
        #expect(SmallNumbers.display(4) == "<5")
        #expect(SmallNumbers.display(5) == "5")
    }
}

@Suite struct ATCKeyTests {
    @Test func packsCodesInAlphabeticalOrder() throws {
        let a = try #require(ATCKey("A10BJ06"))
        let c = try #require(ATCKey("C10"))
        #expect(a < c && a.description == "A10BJ06" && c.description == "C10")
        #expect(ATCKey("QP52AC01")?.description == "QP52AC01")
        #expect(ATCKey("QP52AC01X") == nil && ATCKey("") == nil && ATCKey("a10") == nil)
        #expect(a.hasPrefix(try #require(ATCKey("A10"))) && !a.hasPrefix(c))
    }
}

@Suite struct ReportOutputTests {
    static let report = UnregisteredReport(
        year: 2024, species: "human", distinctUnregisteredProducts: 1699,
        top: [
            .init(
                atc: "R01AD12", substance: "Flutikasonfuroat", dispensings: 105877, packages: 137283, ddd: 3_977_190,
                marker: "shortage"),
            .init(atc: "C10", substance: "Lipid \"x\", y", dispensings: 1, packages: 2, ddd: nil, marker: nil),
        ])

    @Test func jsonKeepsTheIssuesKeyOrderAndIsValid() throws {
        let json = ReportJSON.render(Self.report)
        #expect(
            json.hasPrefix(
                #"{"year":2024,"species":"human","distinctUnregisteredProducts":1699,"top":[{"atc":"R01AD12","substance":"Flutikasonfuroat","dispensings":105877,"packages":137283,"ddd":3977190,"marker":"shortage"}"#
            ))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let top = try #require(parsed?["top"] as? [[String: Any]])
        #expect(top[1]["substance"] as? String == "Lipid \"x\", y" && top[1]["ddd"] is NSNull)
    }

    @Test func csvQuotesWhatNeedsIt() {
        #expect(ExtractCSV.table(Self.report).contains("C10,\"Lipid \"\"x\"\", y\",1,2,,\n"))
    }
}
