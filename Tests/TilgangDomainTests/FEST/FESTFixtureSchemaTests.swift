import Testing

@testable import TilgangDomain

/// The FEST fixtures against the M30 schema (ER-M30-2014-12-01.xsd, eResept 2.5), for what that schema fixes
/// itself: the `Kat…` catalogues in its order, each `Oppf…` with `Id`, `Tidspunkt`, `Status` in the M30 namespace
/// and at most one payload it allows, in its namespace (`Refusjonshjemmel` and `Vilkar` are M30 elements), and the
/// payloads' content (`M30ContentModel`). The schema files are not committed (no licence is stated with the copies
/// found), so this checks without them; both fixtures were also validated with `xmllint --schema` against them.
@Suite struct FESTFixtureSchemaTests {
    static let m30 = "http://www.kith.no/xmlstds/eresept/m30/2014-12-01"
    static let fs = "http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01"

    /// The root's sequence in the schema, every element optional but `HentetDato`.
    static let rootSequence = [
        "HentetDato", "GyldigFradatoHelfo", "KatLegemiddelMerkevare", "KatLegemiddelpakning", "KatVirkestoff",
        "KatOrdineringVirkestoff", "KatLegemiddelVirkestoff", "KatHandelsvare", "KatDiagnose", "KatRefusjon",
        "KatVilkar", "KatVarselSlv", "KatKodeverk", "KatByttegruppe", "KatLegemiddeldose", "KatInteraksjon",
        "KatStrDosering",
    ]

    /// The payloads each entry may hold, with their namespace.
    static let payloads: [String: [XMLName]] = [
        "OppfLegemiddelMerkevare": [XMLName(namespace: fs, local: "LegemiddelMerkevare")],
        "OppfLegemiddelpakning": [XMLName(namespace: fs, local: "Legemiddelpakning")],
        "OppfVirkestoff": [
            XMLName(namespace: fs, local: "Virkestoff"), XMLName(namespace: fs, local: "VirkestoffMedStyrke"),
        ],
        "OppfRefusjon": [XMLName(namespace: m30, local: "Refusjonshjemmel")],
        "OppfVilkar": [XMLName(namespace: m30, local: "Vilkar")],
        "OppfInteraksjon": [
            XMLName(namespace: m30, local: "Interaksjon"), XMLName(namespace: m30, local: "InteraksjonIkkeVurdert"),
        ],
    ]

    @Test(arguments: ["fest-release-1.xml", "fest-release-2.xml"])
    func theFixtureHasTheSchemasEnvelope(_ name: String) throws {
        let events = try XMLEventCollector.events(try FESTCatalogueTests.fixture(name), chunk: 1 << 20)
        var depth = 0
        var rootChildren: [XMLName] = []
        var entryChildren: [XMLName] = []
        var entry: XMLName?
        for event in events {
            switch event {
            case .start(let element, _, _):
                depth += 1
                if depth == 1 { #expect(element == XMLName(namespace: Self.m30, local: "FEST")) }
                if depth == 2 { rootChildren.append(element) }
                if depth == 3 { entry = element }
                if depth == 4 { entryChildren.append(element) }
            case .end:
                if depth == 3, let entry {
                    #expect(entry.namespace == Self.m30, "\(entry) in M30")
                    let envelope = ["Id", "Tidspunkt", "Status"].map { XMLName(namespace: Self.m30, local: $0) }
                    #expect(Array(entryChildren.prefix(3)) == envelope, "\(entry): Id, Tidspunkt, Status")
                    let rest = Array(entryChildren.dropFirst(3))
                    #expect(rest.count <= 1, "\(entry): one payload at most")
                    if let payload = rest.first {
                        #expect(Self.payloads[entry.local]?.contains(payload) == true, "\(entry) holds \(payload)")
                    }
                    entryChildren = []
                }
                depth -= 1
            case .text:
                break
            }
        }
        #expect(rootChildren.allSatisfy { $0.namespace == Self.m30 })
        let positions = rootChildren.map { Self.rootSequence.firstIndex(of: $0.local) ?? -1 }
        #expect(!positions.contains(-1), "every child of FEST is in the schema")
        #expect(positions == positions.sorted() && Set(positions).count == positions.count, "in the schema's order")
        #expect(rootChildren.first?.local == "HentetDato")
    }

    @Test(arguments: ["fest-release-1.xml", "fest-release-2.xml"])
    func thePayloadsHoldWhatTheSchemaAllowsInItsOrder(_ name: String) throws {
        #expect(try M30ContentModel.faults(in: try FESTCatalogueTests.fixture(name)) == [])
    }

    /// The faults `xmllint --schema` found in the fixtures before they were mended, one at a time.
    @Test(arguments: [
        (
            "<Reseptgruppe V=\"F\" DN=\"Reseptfri\" />",
            "<Reseptgruppe V=\"F\" S=\"2.16.578.1.12.4.1.1.7421\" DN=\"Reseptfri\" />", "not only V and DN"
        ),
        ("<Styrkeoperator V=\"1\" DN=\"Lik\" />", "", "lacks <Styrkeoperator>"),
        ("<GruppeNr V=\"-1\" DN=\"Spesialisthelsetjenesten\" />", "", "lacks <GruppeNr>"),
        ("<Varenavn>Paracet</Varenavn>", "", "lacks <Varenavn>"),
        ("<Kildegrunnlag V=\"4\" DN=\"Kasuistikk\" />", "", "lacks <Kildegrunnlag>"),
        (
            "<Id>ID_491E7F6C-0001-4AAA-9001-000000000001</Id>",
            "<Id>ID_491E7F6C-0001-4AAA-9001-000000000001</Id><Atc V=\"N02BE01\" />", "<Atc> after <Id>"
        ),
        (
            "<Sortering>1</Sortering><RefVirkestoff>ID_VS-PARACETAMOL", "<RefVirkestoff>ID_VS-PARACETAMOL",
            "lacks <Sortering>"
        ),
        ("<Reseptgruppe V=\"F\" DN=\"Reseptfri\" />", "", "lacks <Reseptgruppe>"),
        (
            "<Id>ID_491E7F6C-0001-4AAA-9001-000000000001</Id>",
            "<SortertVirkestoffUtenStyrke><Sortering>1</Sortering><RefVirkestoff>ID_VS-PARACETAMOL</RefVirkestoff>"
                + "</SortertVirkestoffUtenStyrke><Id>ID_491E7F6C-0001-4AAA-9001-000000000001</Id>",
            "<Id> after <SortertVirkestoffUtenStyrke>"
        ),
        (
            "<Substansgruppe><Substans><Substans>Warfarin</Substans><Atc V=\"B01AA03\" DN=\"Warfarin\" /></Substans>"
                + "</Substansgruppe>", "", "has 1 <Substansgruppe>, not 2"
        ),
        (
            "<Varenavn>Paracet</Varenavn>", "<Varenavn>Paracet</Varenavn><Varenavn>Paracet</Varenavn>",
            "has 2 <Varenavn>, at most 1"
        ),
        ("<Mengde>20</Mengde>", "<Mengde>20</Mengde><Varenr>1</Varenr>", "does not allow <Varenr>"),
    ])
    func aFaultTheSchemaRefusesIsFound(_ valid: String, _ faulty: String, _ fault: String) throws {
        // given: the first fixture with one fault put back
        let fixture = try FESTCatalogueTests.fixture("fest-release-1.xml")
        let text = fixture.replacingOccurrences(of: valid, with: faulty)
        try #require(text != fixture, "\(valid) is in the fixture")
        // when
        let faults = try M30ContentModel.faults(in: text)
        // then
        #expect(faults.contains { $0.contains(fault) }, "\(faults)")
    }
}
