import Foundation
import Testing

@testable import TilgangDomain

/// The FEST reader on libxml2 (issue 20): every `Kat…` of the M30 schema in any order, namespace declarations
/// anywhere, `VirkestoffMedStyrke` in `OppfVirkestoff`, entries without payload, and faults with their line.
@Suite struct FESTReaderTests {
    static let m30 = "http://www.kith.no/xmlstds/eresept/m30/2014-12-01"
    static let forskrivning = "http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01"

    /// The `Kat…` blocks of the first fixture, in file order, and what comes before and after them.
    static func blocks() throws -> (head: String, kats: [String], tail: String) {
        let text = try FESTCatalogueTests.fixture("fest-release-1.xml")
        var kats: [String] = []
        var rest = Substring(text)
        let first = try #require(rest.range(of: "  <Kat"))
        let head = String(rest[..<first.lowerBound])
        rest = rest[first.lowerBound...]
        while let start = rest.range(of: "  <Kat") {
            let name = rest[start.upperBound...].prefix { $0.isLetter }
            let close = try #require(rest.range(of: "</Kat\(name)>\n"))
            kats.append(String(rest[start.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return (head, kats, String(rest))
    }

    static func mapped(_ text: String) throws -> [Medicine] {
        FESTCatalogue.map(try FESTCatalogueTests.read(text), on: FESTCatalogueTests.day).medicines
            .sorted { ($0.id ?? "") < ($1.id ?? "") }
    }

    /// Every catalogue the M30 schema has, the ones Tilgang skips with an entry each.
    static let otherCatalogues = [
        "KatOrdineringVirkestoff", "KatLegemiddelVirkestoff", "KatHandelsvare", "KatDiagnose", "KatVarselSlv",
        "KatKodeverk", "KatByttegruppe", "KatLegemiddeldose", "KatStrDosering",
    ]

    static func skipped(_ kat: String) -> String {
        let entry = "Oppf" + kat.dropFirst(3)
        return "  <\(kat)>\n    <\(entry)><Id>ID_\(entry)</Id><Tidspunkt>2026-01-01T00:00:00</Tidspunkt>"
            + "<Status V=\"A\" DN=\"Aktiv oppføring\" /><Ukjent xmlns=\"urn:annet\"><Id>x</Id><Navn>Hoppes over</Navn>"
            + "</Ukjent></\(entry)>\n  </\(kat)>\n"
    }

    @Test func everyCatalogueInAnyOrderGivesTheSameRecords() throws {
        // given
        let (head, kats, tail) = try Self.blocks()
        #expect(kats.count == 6)
        let all = kats + Self.otherCatalogues.map(Self.skipped)
        let expected = try Self.mapped(head + kats.joined() + tail)
        #expect(expected.count == 7)
        // when: reversed, rotated, and interleaved with every other catalogue
        var orders = [Array(all.reversed())]
        for shift in 1..<all.count { orders.append(Array(all[shift...] + all[..<shift])) }
        // then
        for order in orders {
            #expect(try Self.mapped(head + order.joined() + tail) == expected)
        }
    }

    @Test func namespaceDeclarationsOnEveryEntryReadTheSame() throws {
        // given: the second fixture with its prefixes declared again (and unused ones) on every entry
        let text = try FESTCatalogueTests.fixture("fest-release-2.xml")
        let extra = (0..<50).map { " xmlns:x\($0)=\"urn:ubrukt:\($0)\"" }.joined()
        var redeclared = text
        for entry in [
            "OppfLegemiddelMerkevare", "OppfLegemiddelpakning", "OppfVirkestoff", "OppfRefusjon", "OppfVilkar",
        ] {
            redeclared = redeclared.replacingOccurrences(
                of: "<m30:\(entry)>",
                with: "<m30:\(entry) xmlns:m30=\"\(Self.m30)\" xmlns:f=\"\(Self.forskrivning)\"\(extra)>")
        }
        // then
        #expect(redeclared != text)
        #expect(try Self.mapped(redeclared) == Self.mapped(text))
    }

    @Test func aSubstanceWithStrengthIsReadAndNamesProductsThatPointAtIt() throws {
        // given: the fixture's OppfVirkestoff holding a VirkestoffMedStyrke, and a product that lists only it
        let fixture = try FESTCatalogueTests.fixture("fest-release-1.xml")
        let text = fixture.replacingOccurrences(
            of: "<SortertVirkestoffUtenStyrke><Sortering>1</Sortering><RefVirkestoff>ID_VS-PARACETAMOL</RefVirkestoff>"
                + "</SortertVirkestoffUtenStyrke>",
            with: "<SortertVirkestoffMedStyrke><Sortering>1</Sortering>"
                + "<RefVirkestoffMedStyrke>ID_VMS-PARACETAMOL-500</RefVirkestoffMedStyrke></SortertVirkestoffMedStyrke>"
        )
        try #require(text != fixture, "the fixture's product lists the substance without strength")
        // when
        let release = try FESTCatalogueTests.read(text)
        // then
        #expect(release.substancesWithStrength == ["ID_VMS-PARACETAMOL-500": "ID_VS-PARACETAMOL"])
        let paracet = try #require(try Self.mapped(text).first { $0.id == FESTCatalogueTests.paracet })
        #expect(paracet.substance == "Paracetamol")
    }

    @Test func anEntryWithoutItsPayloadCarriesNothing() throws {
        // given: an expired entry with only Id, Tidspunkt and Status, as the schema allows
        let text = try FESTCatalogueTests.fixture("fest-release-1.xml").replacingOccurrences(
            of: "  </KatLegemiddelMerkevare>",
            with: "    <OppfLegemiddelMerkevare><Id>ID_OPPF-TOM</Id><Tidspunkt>2026-01-01T00:00:00</Tidspunkt>"
                + "<Status V=\"U\" DN=\"Utgått oppføring\" /></OppfLegemiddelMerkevare>\n  </KatLegemiddelMerkevare>")
        // then
        #expect(try Self.mapped(text).count == 7)
    }

    @Test func faultsNameTheLineOfTheEntryOrTheElement() throws {
        let text = try FESTCatalogueTests.fixture("fest-release-1.xml")
        // a payload in the wrong namespace: the element and its line
        let wrong = text.replacingOccurrences(
            of: "<Vilkar>", with: "<Vilkar xmlns=\"\(Self.forskrivning)\">")
        let vilkarLine = FESTCatalogueTests.lines(
            String(text[..<(try #require(text.range(of: "<Vilkar>"))).upperBound]))
        let error = try #require(
            throws: XMLReadError.self
        ) { try FESTCatalogueTests.read(wrong) }
        #expect(error.line == vilkarLine)
        #expect(error.element == "Vilkar")
        // a VirkestoffMedStyrke without its id: the entry's line
        let idless = text.replacingOccurrences(of: "<Id>ID_VMS-PARACETAMOL-500</Id>", with: "")
        let entryLine = FESTCatalogueTests.lines(
            String(text[..<(try #require(text.range(of: "<OppfVirkestoff><Id>ID_OPPF-VMS1"))).upperBound]))
        #expect(throws: XMLReadError(line: entryLine, element: "OppfVirkestoff", message: "mangler <Id>")) {
            try FESTCatalogueTests.read(idless)
        }
        // not XML at all in the middle of a product
        let broken = text.replacingOccurrences(of: "<Varenavn>Paracet</Varenavn>", with: "<Varenavn>Paracet</Varenavm>")
        let brokenLine = FESTCatalogueTests.lines(
            String(text[..<(try #require(text.range(of: "<Varenavn>Paracet</Varenavn>"))).upperBound]))
        #expect(
            throws: XMLReadError(
                line: brokenLine, element: "Varenavn", message: "forventet </Varenavn>, fant </Varenavm>")
        ) { try FESTCatalogueTests.read(broken) }
    }
}
