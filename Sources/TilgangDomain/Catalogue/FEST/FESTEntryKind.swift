/// The `Oppf…` entries Tilgang reads, with the payload elements the M30 schema allows in each; every other
/// catalogue (`KatInteraksjon`, `KatLegemiddeldose`, `KatKodeverk`, …) is parsed and skipped.
enum FESTEntryKind: CaseIterable {
    case product, package, substance, refund, condition

    var element: StaticString {
        switch self {
        case .product: "OppfLegemiddelMerkevare"
        case .package: "OppfLegemiddelpakning"
        case .substance: "OppfVirkestoff"
        case .refund: "OppfRefusjon"
        case .condition: "OppfVilkar"
        }
    }

    /// `OppfVirkestoff` holds a `Virkestoff` or a `VirkestoffMedStyrke` (a substance with its strength, which
    /// products refer to with `RefVirkestoffMedStyrke`; Tilgang names products by `Virkestoff`).
    var payloads: [StaticString] {
        switch self {
        case .product: ["LegemiddelMerkevare"]
        case .package: ["Legemiddelpakning"]
        case .substance: ["Virkestoff", "VirkestoffMedStyrke"]
        case .refund: ["Refusjonshjemmel"]
        case .condition: ["Vilkar"]
        }
    }

    var name: String { element.description }

    /// `Refusjonshjemmel` and `Vilkar` are in the M30 namespace, the others in the prescription one.
    var payloadNamespace: StaticString {
        switch self {
        case .refund, .condition: "http://www.kith.no/xmlstds/eresept/m30/2014-12-01"
        default: "http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01"
        }
    }
}
