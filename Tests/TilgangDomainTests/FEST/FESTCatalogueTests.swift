import Foundation
import Testing

@testable import TilgangDomain

/// FEST onto the catalogue (issue 8): the hand-written fixtures in both namespace styles, the mapping of each
/// product, the route each one gets, and faults named by element and line.
@Suite struct FESTCatalogueTests {
    static let day = Fixtures.date("2026-11-25")

    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/fest/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func read(_ text: String) throws -> FESTRelease {
        var reader = FESTReader()
        let bytes = Array(text.utf8)
        // Small chunks, so tokens are cut everywhere.
        var start = 0
        while start < bytes.count {
            try reader.feed(bytes[start..<min(start + 97, bytes.count)])
            start += 97
        }
        return try reader.finish()
    }

    /// The line the text ends on (1-based).
    static func lines(_ text: String) -> Int { text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }

    static func medicines(_ name: String) throws -> [String: Medicine] {
        let mapping = FESTCatalogue.map(try read(try fixture(name)), on: day)
        return Dictionary(uniqueKeysWithValues: mapping.medicines.map { ($0.id ?? "", $0) })
    }

    static let paracet = "ID_491E7F6C-0001-4AAA-9001-000000000001"
    static let melatonin = "ID_491E7F6C-0002-4AAA-9001-000000000002"
    static let fenobarbital = "ID_491E7F6C-0003-4AAA-9001-000000000003"
    static let digitalis = "ID_491E7F6C-0004-4AAA-9001-000000000004"
    static let metformin = "ID_491E7F6C-0005-4AAA-9001-000000000005"
    static let adalimumab = "ID_491E7F6C-0006-4AAA-9001-000000000006"
    static let penicillin = "ID_491E7F6C-0007-4AAA-9001-000000000007"

    @Test func theFirstReleaseMapsEveryProduct() throws {
        // given / when
        let release = try Self.read(try Self.fixture("fest-release-1.xml"))
        let m = try Self.medicines("fest-release-1.xml")
        // then
        #expect(release.retrievedAt == "2026-11-01T03:00:00" && release.products.count == 7)
        let paracet = try #require(m[Self.paracet])
        #expect(paracet.norwegianAuthorisation == .authorised && paracet.marketed == true)
        #expect(paracet.name == "Paracet tab 500 mg" && paracet.substance == "Paracetamol" && paracet.form == "Tablett")
        #expect(paracet.productNumber == "041234" && paracet.source == "FEST 2026-11-01T03:00:00")
        let melatonin = try #require(m[Self.melatonin])
        #expect(melatonin.norwegianAuthorisation == NorwegianAuthorisation.none)
        #expect(melatonin.exemptionApplicationType == .pharmacyDecides)
        #expect(m[Self.fenobarbital]?.exemptionApplicationType == .agencyDecides)
        let digitalis = try #require(m[Self.digitalis])
        #expect(digitalis.norwegianAuthorisation == .deregistered)
        #expect(digitalis.deregisteredOn == Fixtures.date("2024-06-30"))
        // blue prescription: ICD-10 codes valid today only (E10 ended 2020, T90 is ICPC-2)
        #expect(m[Self.metformin]?.bluePrescriptionIndications == ["E11"])
        #expect(m[Self.metformin]?.hospitalFinanced == false)
        #expect(m[Self.adalimumab]?.hospitalFinanced == true)
        #expect(m[Self.adalimumab]?.bluePrescriptionIndications == [])
        // temporarily unavailable: authorised, not marketed
        #expect(m[Self.penicillin]?.norwegianAuthorisation == .authorised && m[Self.penicillin]?.marketed == false)
        #expect(m.values.allSatisfy { $0.retiredIn == nil })
    }

    @Test func marketingStatusComesOnlyFromThePackageDates() throws {
        // The day before the pause the penicillin was on the market; before its AvregDato digitalis was authorised.
        let release = try Self.read(try Self.fixture("fest-release-1.xml"))
        let before = Dictionary(
            uniqueKeysWithValues: FESTCatalogue.map(release, on: Fixtures.date("2024-06-29")).medicines.map {
                ($0.id ?? "", $0)
            })
        #expect(before[Self.penicillin]?.marketed == true)
        #expect(before[Self.digitalis]?.norwegianAuthorisation == .authorised)
        #expect(before[Self.metformin]?.bluePrescriptionIndications == ["E11"])
        let in2015 = FESTCatalogue.map(release, on: Fixtures.date("2015-01-01")).medicines
        #expect(in2015.first { $0.id == Self.metformin }?.bluePrescriptionIndications == ["E10", "E11"])
    }

    @Test func theNewerReleaseInPrefixedNamespacesReadsTheSame() throws {
        let m = try Self.medicines("fest-release-2.xml")
        #expect(m.count == 7)
        #expect(m[Self.paracet]?.source == "FEST 2026-11-15T03:00:00")
        #expect(m[Self.melatonin]?.name == "Circadin uregistrert depottab 2 mg")
        #expect(m[Self.fenobarbital]?.retiredIn == "FEST 2026-11-15T03:00:00")
        #expect(m[Self.digitalis] == nil)
        #expect(m["ID_491E7F6C-0008-4AAA-9001-000000000008"]?.exemptionApplicationType == .pharmacyDecides)
    }

    @Test func eachFixtureProductGetsItsRoute() throws {
        let m = try Self.medicines("fest-release-1.xml")
        // TypeSoknadSlv 2: the pharmacy may notify, although FEST names no notification country (R7)
        let melatonin = try Fixtures.decide(try #require(m[Self.melatonin]), indication: "G47.0")
        #expect(melatonin.route == .exemptionNotification && melatonin.rules.contains(.r7))
        #expect(melatonin.explanation.contains("TypeSoknadSlv 2"))
        // TypeSoknadSlv 3: the agency decides, even with MT in a notification country (R8)
        var fenobarbital = try #require(m[Self.fenobarbital])
        fenobarbital.foreignAuthorisations = ["DE"]
        let decision = try Fixtures.decide(fenobarbital, indication: "G40.9")
        #expect(decision.route == .exemptionAgency && decision.rules.contains(.r8) && !decision.rules.contains(.r7))
        #expect(decision.explanation.contains("TypeSoknadSlv 3"))
        // 2 on the negative list is still the agency's (R8)
        var negative = try #require(m[Self.melatonin])
        negative.negativeList = true
        #expect(try Fixtures.decide(negative, indication: "G47.0").route == .exemptionAgency)
        // an authorised FEST product: off-label when the SmPC does not cover the indication
        let paracet = try Fixtures.decide(try #require(m[Self.paracet]), indication: "R52", indicationCovered: false)
        #expect(paracet.route == .offLabel)
        // a deregistered one has no Norwegian MT: exemption
        let digitalis = try Fixtures.decide(try #require(m[Self.digitalis]), indication: "I50.9")
        #expect([.exemptionAgency, .exemptionNotification].contains(digitalis.route))
    }

    @Test func malformedFilesNameTheElementAndLine() throws {
        let text = try Self.fixture("fest-release-1.xml")
        // truncated in the middle of a tag, and after a whole element
        #expect(throws: XMLReadError.self) { try Self.read(String(text.prefix(text.count / 2))) }
        let end = try #require(text.range(of: "</OppfLegemiddelpakning>")).upperBound
        let truncated = String(text[..<end])
        #expect(
            throws: XMLReadError(
                line: Self.lines(truncated), element: "KatLegemiddelpakning",
                message: "filen slutter før </KatLegemiddelpakning>")
        ) {
            try Self.read(truncated)
        }
        // a payload in the wrong namespace
        let wrong = text.replacingOccurrences(
            of: "<LegemiddelMerkevare xmlns=\"http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01\">",
            with: "<LegemiddelMerkevare>")
        #expect(throws: XMLReadError.self) { try Self.read(wrong) }
        // a product without its name: the entry and its line
        let nameless = text.replacingOccurrences(
            of: "<NavnFormStyrke>Paracet tab 500 mg</NavnFormStyrke>\n        <Reseptgruppe",
            with: "<Reseptgruppe")
        let entryLine = Self.lines(
            String(text[..<(try #require(text.range(of: "<OppfLegemiddelMerkevare>")).upperBound)]))
        #expect(
            throws: XMLReadError(
                line: entryLine, element: "OppfLegemiddelMerkevare", message: "mangler <NavnFormStyrke>")
        ) {
            try Self.read(nameless)
        }
        // a root that is not FEST
        #expect(throws: XMLReadError.self) { try Self.read("<FEST><HentetDato>x</HentetDato></FEST>") }
    }
}
