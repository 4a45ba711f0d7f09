@testable import TilgangDomain

/// The M30 schema's content of the payload elements the fixtures use (ER-M30-2014-12-01.xsd and
/// Forskrivning-2014-12-01.xsd, eResept 2.5), written out by hand from the schema: each element's children in the
/// schema's sequence, how often each may occur, and which elements are coded simple values (`kith:CS`: `V` and
/// `DN`, no code system `S`). `faults(in:)` names what an XSD validator would refuse of those; the schema files
/// themselves are not committed (no licence is stated with the copies found).
enum M30ContentModel {
    struct Child {
        let name: String
        let minimum: Int
        /// nil: unbounded.
        let maximum: Int?
    }

    /// `Name!` once, `Name*` any number, `Name+` at least once, `Name+2` at least twice, `Name` at most once.
    private static func sequence(_ names: String) -> [Child] {
        names.split(separator: " ").map { token in
            if token.hasSuffix("!") { return Child(name: String(token.dropLast()), minimum: 1, maximum: 1) }
            if token.hasSuffix("*") { return Child(name: String(token.dropLast()), minimum: 0, maximum: nil) }
            if let plus = token.firstIndex(of: "+") {
                let least = Int(token[token.index(after: plus)...]) ?? 1
                return Child(name: String(token[..<plus]), minimum: least, maximum: nil)
            }
            return Child(name: String(token), minimum: 0, maximum: 1)
        }
    }

    /// `typeLegemiddel`, which products and packages both extend.
    private static let medicine =
        "Atc NavnFormStyrke! Reseptgruppe! LegemiddelformKort RefVilkar* Preparattype TypeSoknadSlv Opioidsoknad "
        + "Refusjon* PakningByttegruppe AdministreringLegemiddel SvartTrekant "

    /// By local name.
    static let sequences: [String: [Child]] = [
        "LegemiddelMerkevare": sequence(
            medicine + "Id Varenavn! LegemiddelformLang SortertVirkestoffMedStyrke* SortertVirkestoffUtenStyrke* Smak "
                + "ProduktInfo Reseptgyldighet* Hjelpestoff* Preparatomtaleavsnitt*"),
        "Legemiddelpakning": sequence(
            medicine + "Id Varenr! Ean* IkkeKonservering Oppbevaring Pakningsinfo* PakningsinfoResept* PrisVare* "
                + "Markedsforingsinfo Preparatomtaleavsnitt*"),
        "Pakningsinfo": sequence(
            "RefLegemiddelMerkevare! Pakningsstr! EnhetPakning! Pakningstype! Multippel Antall Mengde! Sortering DDD "
                + "Statistikkfaktor Pakningskomponent*"),
        "SortertVirkestoffUtenStyrke": sequence("Sortering! RefVirkestoff!"),
        "SortertVirkestoffMedStyrke": sequence("Sortering! RefVirkestoffMedStyrke!"),
        "Refusjon": sequence("RefRefusjonsgruppe+ GyldigFraDato! ForskrivesTilDato UtleveresTilDato"),
        "Markedsforingsinfo": sequence("VarenrUtgaende Markedsforingsdato AvregDato MidlUtgattDato OmpakkerAvEndose"),
        "Virkestoff": sequence("Id! Navn! NavnEngelsk RefVirkestoff* Refusjon*"),
        "VirkestoffMedStyrke": sequence(
            "Id! Styrke! StyrkeNevner RefVirkestoff! AlternativStyrke AlternativStyrkeNevner Styrkeoperator! "
                + "StyrkeOvreVerdi AtcKombipreparat"),
        "Refusjonshjemmel": sequence("Refusjonshjemmel! KreverVarekobling! KreverVedtak! Refusjonsgruppe+"),
        "Refusjonsgruppe": sequence(
            "Id! GruppeNr! Atc KreverRefusjonskode! RefusjonsberettighetBruk RefVilkar* Refusjonskode*"),
        "Vilkar": sequence("Id! VilkarNr Gruppe! GjelderFor! Tekst! GyldigFraDato GyldigTilDato StrukturertVilkar*"),
        "Interaksjon": sequence(
            "Id! Relevans! Situasjonskriterium KliniskKonsekvens! Interaksjonsmekanisme Kildegrunnlag! Handtering "
                + "Visningsregel* Referanse* Substansgruppe+2"),
    ]

    /// Elements of type `kith:CS`, whose attributes are `V` and `DN` only.
    static let codedSimple: Set<String> = [
        "Status", "Reseptgruppe", "Preparattype", "TypeSoknadSlv", "Oppbevaring", "Smak",
        "GjelderFor", "Relevans", "Kildegrunnlag",
    ]

    /// What the schema refuses in `text` among the elements above: a child it does not know, out of the sequence's
    /// order or in another namespace, fewer or more of a child than the schema allows, a code system on a coded simple
    /// value. Each with
    /// the line of the element.
    static func faults(in text: String) throws -> [String] {
        var faults: [String] = []
        var open: [(name: XMLName, line: Int, children: [XMLName])] = []
        for event in try XMLEventCollector.events(text, chunk: 1 << 20) {
            switch event {
            case .start(let name, let attributes, let line):
                if !open.isEmpty { open[open.count - 1].children.append(name) }
                open.append((name, line, []))
                if codedSimple.contains(name.local), !Set(attributes.keys).isSubset(of: ["V", "DN"]) {
                    faults.append("line \(line): <\(name.local)> has \(attributes.keys.sorted()), not only V and DN")
                }
            case .end:
                let element = open.removeLast()
                // `Refusjonshjemmel` holds a `Refusjonshjemmel` code of the same name, which has no children.
                let isCode = element.name.local == "Refusjonshjemmel" && open.last?.name.local == "Refusjonshjemmel"
                guard let sequence = sequences[element.name.local], !isCode else { continue }
                faults += check(element.children, of: element.name, at: element.line, against: sequence)
            case .text:
                break
            }
        }
        return faults
    }

    private static func check(_ children: [XMLName], of parent: XMLName, at line: Int, against sequence: [Child])
        -> [String]
    {
        var faults: [String] = []
        var position = 0
        for child in children {
            if child.namespace != parent.namespace {
                faults.append("line \(line): <\(parent.local)> holds <\(child.local)> in \(child.namespace)")
            }
            guard let index = sequence.firstIndex(where: { $0.name == child.local }) else {
                faults.append("line \(line): <\(parent.local)> does not allow <\(child.local)>")
                continue
            }
            if index < position {
                faults.append("line \(line): <\(parent.local)>: <\(child.local)> after <\(sequence[position].name)>")
            }
            position = max(position, index)
        }
        for expected in sequence {
            let count = children.count(where: { $0.local == expected.name })
            if count == 0, expected.minimum > 0 {
                faults.append("line \(line): <\(parent.local)> lacks <\(expected.name)>")
            } else if count < expected.minimum {
                faults.append(
                    "line \(line): <\(parent.local)> has \(count) <\(expected.name)>, not \(expected.minimum)")
            }
            if let maximum = expected.maximum, count > maximum {
                faults.append("line \(line): <\(parent.local)> has \(count) <\(expected.name)>, at most \(maximum)")
            }
        }
        return faults
    }
}
