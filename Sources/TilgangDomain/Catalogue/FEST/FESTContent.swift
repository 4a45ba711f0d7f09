/// The FEST side of the parse: keeps the entries of `FESTEntryKind` as paths below the entry (as
/// `LegemiddelMerkevare/Atc@V`) and maps each into the release when it closes. Elements of every other catalogue
/// cost no string. Any `Kat…` may come in any order: references are resolved by `FESTCatalogue` at the end.
final class FESTContent: XMLContentHandler {
    private(set) var release = FESTRelease()

    private var depth = 0
    private var entry: FESTEntry?
    /// The key of each open element below the entry (`LegemiddelMerkevare/Atc`), innermost last.
    private var keys: [String] = []
    private var text: [UInt8] = []
    private var inRetrievedAt = false

    func startElement(_ tag: borrowing XMLStartTag, line: Int) throws {
        depth += 1
        text.removeAll(keepingCapacity: true)
        switch depth {
        case 1:
            guard tag.isLocal("FEST"), tag.isIn("http://www.kith.no/xmlstds/eresept/m30/2014-12-01") else {
                throw XMLReadError(
                    line: line, element: tag.qualified,
                    message: "rotelementet skal være FEST i navnerommet \(FESTReader.m30Namespace)")
            }
        case 2:
            inRetrievedAt = tag.isLocal("HentetDato")
        case 3:
            guard let kind = FESTEntryKind.allCases.first(where: { tag.isLocal($0.element) }) else { return }
            try expect(tag, in: "http://www.kith.no/xmlstds/eresept/m30/2014-12-01", line: line)
            entry = FESTEntry(kind: kind, line: line)
        default:
            guard let kind = entry?.kind else { return }
            let local = tag.local
            if depth == 4 {
                if let payload = kind.payloads.first(where: { tag.isLocal($0) }) {
                    try expect(tag, in: kind.payloadNamespace, line: line)
                    entry?.payload = payload.description
                } else if local == "Id" || local == "Tidspunkt" || local == "Status" {
                    try expect(tag, in: "http://www.kith.no/xmlstds/eresept/m30/2014-12-01", line: line)
                }
            }
            let parent = keys.last
            let key = parent.map { $0 + "/" + local } ?? local
            keys.append(key)
            if local == "Refusjonskode" {
                // M30: <Refusjonskode><Refusjonskode V="…" S="…"/><GyldigFraDato>…; the code is the inner one.
                if parent?.hasSuffix("/Refusjonskode") != true { entry?.codes.append(FESTRefundCode()) }
                if let value = tag.attribute("V"), let last = entry?.codes.indices.last {
                    entry?.codes[last].value = value
                    entry?.codes[last].system = tag.attribute("S") ?? ""
                }
            }
            if let value = tag.attribute("V") { entry?.values[key + "@V", default: []].append(value) }
            if let value = tag.attribute("DN") { entry?.values[key + "@DN", default: []].append(value) }
            if let value = tag.attribute("S") { entry?.values[key + "@S", default: []].append(value) }
        }
    }

    func endElement(localName: UnsafePointer<UInt8>, namespaceURI: UnsafePointer<UInt8>?, line: Int) throws {
        defer {
            depth -= 1
            text.removeAll(keepingCapacity: true)
        }
        if depth == 2 {
            if inRetrievedAt { release.retrievedAt = trimmedText() }
            inRetrievedAt = false
            return
        }
        guard let current = entry else { return }
        if depth == 3 {
            try complete(current)
            entry = nil
            keys.removeAll(keepingCapacity: true)
            return
        }
        let key = keys.removeLast()
        let value = trimmedText()
        guard !value.isEmpty else { return }
        if key.hasSuffix("Refusjonskode/GyldigFraDato"), !current.codes.isEmpty {
            entry?.codes[current.codes.count - 1].validFrom = try day(value, key, line)
        } else if key.hasSuffix("Refusjonskode/ForskrivesTilDato"), !current.codes.isEmpty {
            entry?.codes[current.codes.count - 1].prescribableUntil = try day(value, key, line)
        }
        entry?.values[key, default: []].append(value)
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard entry != nil || inRetrievedAt else { return }
        text.append(contentsOf: bytes)
    }

    private func trimmedText() -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: text[first...last], as: UTF8.self)
    }

    private func expect(_ tag: borrowing XMLStartTag, in namespace: StaticString, line: Int) throws {
        guard tag.isIn(namespace) else {
            throw XMLReadError(
                line: line, element: tag.qualified,
                message: "skal være i navnerommet \(namespace), ikke «\(tag.namespace)»")
        }
    }

    private func day(_ value: String, _ key: String, _ line: Int) throws -> CalendarDate {
        guard let day = CalendarDate(iso: String(value.prefix(10))) else {
            let element = key.split(separator: "/").last.map(String.init)
            throw XMLReadError(line: line, element: element, message: "ugyldig dato «\(value)»")
        }
        return day
    }

    /// Maps a closed entry into the release; one without its payload (the schema allows that) carries nothing.
    private func complete(_ entry: FESTEntry) throws {
        switch (entry.kind, entry.payload) {
        case (.product, "LegemiddelMerkevare"):
            var product = FESTProduct()
            let p = "LegemiddelMerkevare/"
            product.id = try entry.required(p + "Id")
            product.status = try entry.status()
            product.atc = try entry.required(p + "Atc@V")
            product.atcName = entry.first(p + "Atc@DN") ?? ""
            product.nameFormStrength = try entry.required(p + "NavnFormStyrke")
            product.tradeName = entry.first(p + "Varenavn") ?? ""
            product.form = entry.first(p + "LegemiddelformKort@DN") ?? entry.first(p + "LegemiddelformLang") ?? ""
            product.prescriptionGroup = entry.first(p + "Reseptgruppe@V")
            product.productType = try entry.number(p + "Preparattype@V")
            product.applicationType = try entry.number(p + "TypeSoknadSlv@V")
            product.substanceRefs = entry.all(p + "SortertVirkestoffUtenStyrke/RefVirkestoff")
            product.substanceWithStrengthRefs = entry.all(p + "SortertVirkestoffMedStyrke/RefVirkestoffMedStyrke")
            product.conditionRefs = entry.all(p + "RefVilkar")
            product.line = entry.line
            release.products.append(product)
        case (.package, "Legemiddelpakning"):
            var package = FESTPackage()
            let p = "Legemiddelpakning/"
            package.id = try entry.required(p + "Id")
            package.status = try entry.status()
            package.productNumber = entry.first(p + "Varenr") ?? ""
            package.productRefs = entry.all(p + "Pakningsinfo/RefLegemiddelMerkevare")
            guard !package.productRefs.isEmpty else {
                throw XMLReadError(
                    line: entry.line, element: entry.kind.name, message: "mangler <RefLegemiddelMerkevare>")
            }
            package.refundGroupRefs = entry.all(p + "Refusjon/RefRefusjonsgruppe")
            package.marketedFrom = try entry.date(p + "Markedsforingsinfo/Markedsforingsdato")
            package.deregisteredOn = try entry.date(p + "Markedsforingsinfo/AvregDato")
            package.temporarilyUnavailableFrom = try entry.date(p + "Markedsforingsinfo/MidlUtgattDato")
            package.line = entry.line
            release.packages.append(package)
        case (.substance, "Virkestoff"):
            let id = try entry.required("Virkestoff/Id")
            release.substances[id] = entry.first("Virkestoff/Navn") ?? entry.first("Virkestoff/NavnEngelsk") ?? ""
        case (.substance, "VirkestoffMedStyrke"):
            // A substance with its strength: products that list only these are named by its `Virkestoff`.
            let id = try entry.required("VirkestoffMedStyrke/Id")
            release.substancesWithStrength[id] = entry.first("VirkestoffMedStyrke/RefVirkestoff")
        case (.refund, "Refusjonshjemmel"):
            var group = FESTRefundGroup()
            let p = "Refusjonshjemmel/Refusjonsgruppe/"
            group.id = try entry.required(p + "Id")
            group.requiresRefundCode = entry.first(p + "KreverRefusjonskode") != "false"
            group.codes = entry.codes
            release.refundGroups[group.id] = group
        case (.condition, "Vilkar"):
            var condition = FESTCondition()
            condition.id = try entry.required("Vilkar/Id")
            condition.number = entry.first("Vilkar/VilkarNr") ?? ""
            condition.text = entry.first("Vilkar/Tekst") ?? ""
            release.conditions[condition.id] = condition
        default:
            break
        }
    }
}
