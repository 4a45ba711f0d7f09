/// Reads a FEST file as a stream of XML events into a `FESTRelease`, checking namespaces and required fields, so
/// memory grows with the number of catalogue entries Tilgang keeps, not with the file.
public struct FESTReader {
    public static let m30Namespace = "http://www.kith.no/xmlstds/eresept/m30/2014-12-01"
    public static let payloadNamespace = "http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01"

    /// The catalogues Tilgang reads, by the entry element they hold; the rest of the file is read and skipped.
    static let entries: [String: String] = [
        "OppfLegemiddelMerkevare": "LegemiddelMerkevare", "OppfLegemiddelpakning": "Legemiddelpakning",
        "OppfVirkestoff": "Virkestoff", "OppfRefusjon": "Refusjonshjemmel", "OppfVilkar": "Vilkar",
    ]

    private var xml = XMLStreamReader()
    public private(set) var release = FESTRelease()
    /// Bytes fed so far, for progress.
    public private(set) var bytesRead = 0

    private var path: [XMLName] = []
    private var entry: Entry?
    private var text = ""

    /// One `Oppf…` being read: its fields by path below the entry (`LegemiddelMerkevare/Atc@V`).
    private struct Entry {
        let kind: String
        let line: Int
        var values: [String: [String]] = [:]
        var codes: [FESTRefundCode] = []

        func first(_ key: String) -> String? { values[key]?.first }
        func all(_ key: String) -> [String] { values[key] ?? [] }
    }

    public init() {}

    public mutating func feed(_ chunk: some Collection<UInt8>) throws {
        bytesRead += chunk.count
        var events: [XMLEvent] = []
        try xml.feed(chunk) { events.append($0) }
        for event in events { try handle(event) }
    }

    /// The whole release, once the file has ended properly.
    public mutating func finish() throws -> FESTRelease {
        var events: [XMLEvent] = []
        try xml.finish { events.append($0) }
        for event in events { try handle(event) }
        guard !release.retrievedAt.isEmpty else {
            throw XMLReadError(line: 1, element: "FEST", message: "mangler <HentetDato>")
        }
        return release
    }

    private mutating func handle(_ event: XMLEvent) throws {
        switch event {
        case .start(let name, let attributes, let line):
            try start(name, attributes: attributes, line: line)
        case .text(let value):
            text += value
        case .end(let name, let line):
            try end(name, line: line)
        }
    }

    private mutating func start(_ name: XMLName, attributes: [String: String], line: Int) throws {
        text = ""
        if path.isEmpty {
            guard name.local == "FEST", name.namespace == Self.m30Namespace else {
                throw XMLReadError(
                    line: line, element: name.local,
                    message: "rotelementet skal være FEST i navnerommet \(Self.m30Namespace)")
            }
        }
        path.append(name)
        if path.count == 3, Self.entries[name.local] != nil {
            try expect(name, in: Self.m30Namespace, line: line)
            entry = Entry(kind: name.local, line: line)
            return
        }
        guard var current = entry, path.count >= 4 else { return }
        if path.count == 4 {
            let payload = Self.entries[current.kind] ?? ""
            if name.local == payload {
                try expect(name, in: Self.payloadNamespace, line: line)
            } else if ["Id", "Tidspunkt", "Status"].contains(name.local) {
                try expect(name, in: Self.m30Namespace, line: line)
            }
        }
        let key = relativeKey()
        if name.local == "Refusjonskode" {
            var code = FESTRefundCode()
            code.value = attributes["V"] ?? ""
            code.system = attributes["S"] ?? ""
            current.codes.append(code)
        }
        for attribute in ["V", "DN", "S"] {
            if let value = attributes[attribute] { current.values[key + "@" + attribute, default: []].append(value) }
        }
        entry = current
    }

    private mutating func end(_ name: XMLName, line: Int) throws {
        defer {
            path.removeLast()
            text = ""
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if path.count == 2 && name.local == "HentetDato" {
            release.retrievedAt = value
            return
        }
        guard var current = entry else { return }
        if path.count == 3 {
            try complete(current, endLine: line)
            entry = nil
            return
        }
        if !value.isEmpty {
            let key = relativeKey()
            if !current.codes.isEmpty, key.hasSuffix("Refusjonskode/GyldigFraDato") {
                current.codes[current.codes.count - 1].validFrom = try day(value, name, line)
            } else if !current.codes.isEmpty, key.hasSuffix("Refusjonskode/ForskrivesTilDato") {
                current.codes[current.codes.count - 1].prescribableUntil = try day(value, name, line)
            }
            current.values[key, default: []].append(value)
        }
        entry = current
    }

    /// The element's path below the `Oppf…` entry, joined by "/".
    private func relativeKey() -> String {
        path.dropFirst(3).map(\.local).joined(separator: "/")
    }

    private func expect(_ name: XMLName, in namespace: String, line: Int) throws {
        guard name.namespace == namespace else {
            throw XMLReadError(
                line: line, element: name.local,
                message: "skal være i navnerommet \(namespace), ikke «\(name.namespace)»")
        }
    }

    private func day(_ value: String, _ name: XMLName, _ line: Int) throws -> CalendarDate {
        guard let day = CalendarDate(iso: String(value.prefix(10))) else {
            throw XMLReadError(line: line, element: name.local, message: "ugyldig dato «\(value)»")
        }
        return day
    }

    private func required(_ entry: Entry, _ key: String) throws -> String {
        guard let value = entry.first(key), !value.isEmpty else {
            let element = key.split(separator: "/").last.map { String($0.split(separator: "@")[0]) } ?? key
            throw XMLReadError(line: entry.line, element: entry.kind, message: "mangler <\(element)>")
        }
        return value
    }

    private func date(_ entry: Entry, _ key: String) throws -> CalendarDate? {
        guard let value = entry.first(key) else { return nil }
        guard let day = CalendarDate(iso: String(value.prefix(10))) else {
            throw XMLReadError(line: entry.line, element: entry.kind, message: "ugyldig dato «\(value)» i \(key)")
        }
        return day
    }

    private func status(_ entry: Entry) throws -> FESTStatus {
        let raw = entry.first("Status@V") ?? "A"
        guard let status = FESTStatus(rawValue: raw) else {
            throw XMLReadError(line: entry.line, element: entry.kind, message: "ukjent Status «\(raw)»")
        }
        return status
    }

    private mutating func complete(_ entry: Entry, endLine: Int) throws {
        switch entry.kind {
        case "OppfLegemiddelMerkevare":
            var product = FESTProduct()
            let p = "LegemiddelMerkevare/"
            product.id = try required(entry, p + "Id")
            product.status = try status(entry)
            product.atc = try required(entry, p + "Atc@V")
            product.atcName = entry.first(p + "Atc@DN") ?? ""
            product.nameFormStrength = try required(entry, p + "NavnFormStyrke")
            product.tradeName = entry.first(p + "Varenavn") ?? ""
            product.form = entry.first(p + "LegemiddelformKort@DN") ?? entry.first(p + "LegemiddelformLang") ?? ""
            product.prescriptionGroup = entry.first(p + "Reseptgruppe@V")
            product.productType = try number(entry, p + "Preparattype@V")
            product.applicationType = try number(entry, p + "TypeSoknadSlv@V")
            product.substanceRefs = entry.all(p + "SortertVirkestoffUtenStyrke/RefVirkestoff")
            product.conditionRefs = entry.all(p + "RefVilkar")
            product.line = entry.line
            release.products.append(product)
        case "OppfLegemiddelpakning":
            var package = FESTPackage()
            let p = "Legemiddelpakning/"
            package.id = try required(entry, p + "Id")
            package.status = try status(entry)
            package.productNumber = entry.first(p + "Varenr") ?? ""
            package.productRefs = entry.all(p + "Pakningsinfo/RefLegemiddelMerkevare")
            guard !package.productRefs.isEmpty else {
                throw XMLReadError(line: entry.line, element: entry.kind, message: "mangler <RefLegemiddelMerkevare>")
            }
            package.refundGroupRefs = entry.all(p + "Refusjon/RefRefusjonsgruppe")
            package.marketedFrom = try date(entry, p + "Markedsforingsinfo/Markedsforingsdato")
            package.deregisteredOn = try date(entry, p + "Markedsforingsinfo/AvregDato")
            package.temporarilyUnavailableFrom = try date(entry, p + "Markedsforingsinfo/MidlUtgattDato")
            package.line = entry.line
            release.packages.append(package)
        case "OppfVirkestoff":
            let id = try required(entry, "Virkestoff/Id")
            release.substances[id] = entry.first("Virkestoff/Navn") ?? entry.first("Virkestoff/NavnEngelsk") ?? ""
        case "OppfRefusjon":
            var group = FESTRefundGroup()
            let p = "Refusjonshjemmel/Refusjonsgruppe/"
            group.id = try required(entry, p + "Id")
            group.requiresRefundCode = entry.first(p + "KreverRefusjonskode") != "false"
            group.codes = entry.codes
            release.refundGroups[group.id] = group
        case "OppfVilkar":
            var condition = FESTCondition()
            condition.id = try required(entry, "Vilkar/Id")
            condition.number = entry.first("Vilkar/VilkarNr") ?? ""
            condition.text = entry.first("Vilkar/Tekst") ?? ""
            release.conditions[condition.id] = condition
        default:
            break
        }
    }

    private func number(_ entry: Entry, _ key: String) throws -> Int? {
        guard let raw = entry.first(key) else { return nil }
        guard let value = Int(raw) else {
            throw XMLReadError(line: entry.line, element: entry.kind, message: "«\(raw)» er ikke et tall i \(key)")
        }
        return value
    }
}
