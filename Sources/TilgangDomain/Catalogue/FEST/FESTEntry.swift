/// One `Oppf…` being read: its fields by path below the entry (`LegemiddelMerkevare/Atc@V`), and the refund codes
/// in order.
struct FESTEntry {
    let kind: FESTEntryKind
    let line: Int
    /// The payload element seen (`Virkestoff` or `VirkestoffMedStyrke` in `OppfVirkestoff`), nil when none.
    var payload: String?
    var values: [String: [String]] = [:]
    var codes: [FESTRefundCode] = []

    init(kind: FESTEntryKind, line: Int) {
        self.kind = kind
        self.line = line
    }

    func first(_ key: String) -> String? { values[key]?.first }
    func all(_ key: String) -> [String] { values[key] ?? [] }

    func required(_ key: String) throws -> String {
        guard let value = first(key), !value.isEmpty else {
            let element = key.split(separator: "/").last.map { String($0.split(separator: "@")[0]) } ?? key
            throw XMLReadError(line: line, element: kind.name, message: "mangler <\(element)>")
        }
        return value
    }

    func date(_ key: String) throws -> CalendarDate? {
        guard let value = first(key) else { return nil }
        guard let day = CalendarDate(iso: String(value.prefix(10))) else {
            throw XMLReadError(line: line, element: kind.name, message: "ugyldig dato «\(value)» i \(key)")
        }
        return day
    }

    func status() throws -> FESTStatus {
        let raw = first("Status@V") ?? "A"
        guard let status = FESTStatus(rawValue: raw) else {
            throw XMLReadError(line: line, element: kind.name, message: "ukjent Status «\(raw)»")
        }
        return status
    }

    func number(_ key: String) throws -> Int? {
        guard let raw = first(key) else { return nil }
        guard let value = Int(raw) else {
            throw XMLReadError(line: line, element: kind.name, message: "«\(raw)» er ikke et tall i \(key)")
        }
        return value
    }
}
