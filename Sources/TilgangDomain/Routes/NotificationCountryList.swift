/// Countries whose marketing authorisation lets a pharmacy dispense on notification (R7):
/// EEA members, PIC/S members and MRA partners, as listed by the agency.
///
/// The list is versioned data (`notification-countries.csv`), parsed here so the rule never hard-codes it.
public struct NotificationCountryList: Sendable, Equatable {
    public struct Country: Sendable, Equatable {
        public let code: String
        public let norwegianName: String
        public let eea: Bool
        public let picsOrMRA: Bool
        public let mra: Bool

        public var qualifies: Bool { eea || picsOrMRA || mra }
    }

    public let countries: [String: Country]

    public init(countries: [Country]) {
        self.countries = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses the agency list (`iso_code,name_no,eea,listed_pics_or_mra,mra`, `yes`/`no`).
    public init(csv: String) throws(ValidationFailure) {
        var parsed: [Country] = []
        let lines = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { String($0) }
        guard lines.first?.hasPrefix("iso_code,name_no,eea,listed_pics_or_mra,mra") == true else {
            throw ValidationFailure(
                field: "line 1", message: "forventet kolonnene iso_code,name_no,eea,listed_pics_or_mra,mra")
        }
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            let yes: (String) -> Bool? = { $0 == "yes" ? true : $0 == "no" ? false : nil }
            guard cells.count == 5, Codes.isCountryCode(cells[0]), let eea = yes(cells[2]), let pics = yes(cells[3]),
                let mra = yes(cells[4])
            else {
                throw ValidationFailure(field: "line \(index + 1)", message: "ugyldig rad «\(line)»")
            }
            parsed.append(Country(code: cells[0], norwegianName: cells[1], eea: eea, picsOrMRA: pics, mra: mra))
        }
        self.init(countries: parsed)
    }

    /// Countries among `codes` that qualify for notification, in the given order.
    public func qualifying(_ codes: [String]) -> [Country] {
        codes.compactMap { countries[$0] }.filter(\.qualifies)
    }
}
