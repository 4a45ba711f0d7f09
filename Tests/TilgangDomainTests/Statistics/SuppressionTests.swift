import Foundation
import Testing

@testable import TilgangDomain

/// Small-number suppression on the unregistered-medicine table (SPEC §8, seed 004): every count derived from
/// fewer than five patients is "<5" in every output, not just the patient counts.
@Suite struct SuppressionTests {
    /// An extract of `patients` patients, each with `each` dispensings of one medicine, and a large medicine of
    /// ten patients beside it.
    static func extract(atc: String = "N02BG10", patients: Int, each: Int = 1, species: String = "human") -> String {
        var lines = [ExtractReader.header]
        for patient in 0..<patients {
            for _ in 0..<each {
                lines.append("2024,\(atc),Cannabis sativa,222222,\(species),pasient-\(patient),7.7,98.765,1,")
            }
        }
        for patient in 0..<10 {
            lines.append("2024,N05CH01,Melatonin,333333,\(species),m-\(patient),1,10,1,")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func line(_ report: UnregisteredReport, _ atc: String = "N02BG10") throws -> UnregisteredReport.Line {
        try #require(report.top.first { $0.atc == atc })
    }

    @Test func aSumOfOneToFourFromFivePatientsIsSuppressedToo() {
        // five patients with a DDD of 0.5 each: 2.5 rounds to 3, a value no output shows
        #expect(ReportedCount(3, patients: 5) == .suppressed)
        #expect(ReportedCount(5, patients: 5) == 5 && ReportedCount(0, patients: 5) == 0)
    }

    @Test func oneDispensingToOnePatientShowsNoCountInJSONCSVOrTheEncodedReport() throws {
        // given the case from the bug: one patient, one dispensing
        let (report, _) = try ExtractReaderTests.read(Self.extract(patients: 1))
        // when
        let json = ReportJSON.render(report)
        let csv = ExtractCSV.table(report)
        let encoded = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        // then: dispensings, packages and DDD are all "<5", and the sums (8 packages, 99 DDD) appear nowhere
        let line = try Self.line(report)
        #expect(line.dispensings == .suppressed && line.packages == .suppressed && line.ddd == .suppressed)
        for output in [json, encoded] {
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let top = try #require(parsed["top"] as? [[String: Any]])
            let row = try #require(top.first { $0["atc"] as? String == "N02BG10" })
            for key in ["dispensings", "packages", "ddd"] {
                #expect(row[key] as? String == "<5", "\(key) in \(output)")
            }
            #expect(!output.contains("99") && !output.contains(":8,"))
        }
        #expect(csv.contains("N02BG10,Cannabis sativa,<5,<5,<5,\n"))
        #expect(csv.contains("N05CH01,Melatonin,10,10,100,\n"))
    }

    @Test func fourPatientsAreSuppressedHoweverManyDispensingsAndFiveAreShown() throws {
        // given four patients with ten dispensings each, and then five
        let (four, _) = try ExtractReaderTests.read(Self.extract(patients: 4, each: 10))
        let (five, _) = try ExtractReaderTests.read(Self.extract(patients: 5, each: 10))
        // when
        let small = try Self.line(four)
        let shown = try Self.line(five)
        // then
        #expect(small.dispensings == .suppressed && small.packages == .suppressed && small.ddd == .suppressed)
        #expect(shown.dispensings == 50 && shown.packages == 385 && shown.ddd == 4938)
    }

    @Test func onePatientsManyDispensingsCountAsOnePatient() throws {
        // given one patient with forty dispensings
        let (report, _) = try ExtractReaderTests.read(Self.extract(patients: 1, each: 40))
        // when
        let line = try Self.line(report)
        // then
        #expect(line.dispensings == .suppressed)
    }

    @Test func animalsAreSuppressedTheSameWay() throws {
        // given two animals
        let (report, _) = try ExtractReaderTests.read(
            Self.extract(atc: "QP52AC01", patients: 2, each: 30, species: "animal"), species: .animal)
        // when
        let line = try Self.line(report, "QP52AC01")
        // then the animal table sorts by dispensings, but 60 dispensings of two animals are not shown
        #expect(line.dispensings == .suppressed)
        #expect(report.top.map(\.atc) == ["N05CH01", "QP52AC01"])
    }

    @Test func aSuppressedLineComesLastSoItsRankTellsNothing() throws {
        // given a medicine of two patients with far more packages than the shown one beside it
        let groups = [
            try #require(ATCKey("N02BG10")): Self.group(dispensings: 40, packages: 308_000, patients: 2),
            try #require(ATCKey("N05CH01")): Self.group(dispensings: 10, packages: 10_000, patients: 10),
        ]
        // when
        let all = UnregisteredReport.make(year: 2024, species: .human, groups: groups, distinctProducts: 2, top: 5)
        let topOne = UnregisteredReport.make(year: 2024, species: .human, groups: groups, distinctProducts: 2, top: 1)
        // then
        #expect(all.top.map(\.atc) == ["N05CH01", "N02BG10"])
        #expect(topOne.top.map(\.atc) == ["N05CH01"])
    }

    static func group(dispensings: Int, packages: Int64, patients: Int?) -> AggregateGroup {
        var group = AggregateGroup()
        group.dispensings = dispensings
        group.packagesMilli = packages
        group.dddMilli = 5_000
        group.hasDDD = true
        group.patients = patients
        return group
    }

    @Test(arguments: [(nil, true), (0, true), (1, true), (4, true), (5, false)] as [(Int?, Bool)])
    func aGroupRebuiltFromStoredSumsShowsOnlyWithFivePatientsKnown(patients: Int?, suppressed: Bool) throws {
        // given sums stored by the app, with the patient count it stored (nil: stored before it was counted)
        let groups = [try #require(ATCKey("N02BG10")): Self.group(dispensings: 12, packages: 7_000, patients: patients)]
        // when
        let report = UnregisteredReport.make(year: 2024, species: .human, groups: groups, distinctProducts: 6, top: 5)
        // then
        let line = try Self.line(report)
        #expect(line.dispensings.isSuppressed == suppressed && line.packages.isSuppressed == suppressed)
        #expect(line.ddd?.isSuppressed == suppressed)
        #expect(report.distinctUnregisteredProducts.isSuppressed == suppressed)
        if !suppressed { #expect(line.dispensings == 12 && line.packages == 7 && line.ddd == 5) }
    }

    @Test func theProductCountIsSuppressedWhenNoMedicineReachesFivePatients() throws {
        // given an extract whose only medicine has three patients
        var lines = [ExtractReader.header]
        for patient in 0..<3 {
            lines.append("2024,N02BG10,Cannabis,\(222_222 + patient),human,p\(patient),1,,1,")
        }
        // when
        let (report, _) = try ExtractReaderTests.read(lines.joined(separator: "\n") + "\n")
        // then
        #expect(report.distinctUnregisteredProducts == .suppressed)
        #expect(ReportJSON.render(report).contains(#""distinctUnregisteredProducts":"<5""#))
    }

    @Test func patientsAreCountedOnlyUpToTheThreshold() throws {
        // given a medicine of a thousand patients
        var group = AggregateGroup()
        var aggregates = ExtractAggregates()
        var lines = [ExtractReader.header]
        for patient in 0..<1_000 { lines.append("2024,N05CH01,Melatonin,,human,p\(patient),1,,1,") }
        var reader = ExtractReader()
        // when
        try Array((lines.joined(separator: "\n") + "\n").utf8).withUnsafeBytes { raw in
            try reader.feed(raw) { row in
                group.add(row)
                aggregates.add(row)
            }
        }
        try reader.finish { row in
            group.add(row)
            aggregates.add(row)
        }
        // then
        #expect(group.patients == SmallNumbers.threshold && group.dispensings == 1_000 && !group.isSuppressed)
        #expect(aggregates.groups.values.first?.patients == SmallNumbers.threshold)
    }

    @Test func aReportedCountReadsWhatItWrites() throws {
        // given
        let counts: [ReportedCount] = [.suppressed, 0, 5, 137_283]
        // when
        let texts = counts.map(\.description)
        let json = try counts.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        // then
        #expect(texts == ["<5", "0", "5", "137283"])
        #expect(texts.map(ReportedCount.init) == counts)
        #expect(json == [#""<5""#, "0", "5", "137283"] && counts.map(\.json) == json)
        #expect(ReportedCount("fem") == nil && ReportedCount(7, patients: 5) == 7)
    }
}
