/// A Norwegian national identity number (fødselsnummer) or D-number, with both check digits verified.
///
/// D-numbers add 4 to the first digit of the day. The value is patient data: never log it.
public struct NationalIdentityNumber: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case birthNumber = "fodselsnummer"
        case dNumber = "d-nummer"
    }

    public let digits: String
    public let kind: Kind

    /// Returns `nil` unless `text` is 11 digits with a valid date and valid check digits.
    public init?(_ text: String) {
        let trimmed = text.filter { $0 != " " }
        let numbers = trimmed.compactMap(\.wholeNumberValue)
        guard trimmed.count == 11, numbers.count == 11, trimmed.allSatisfy(\.isASCII) else { return nil }
        var day = numbers[0] * 10 + numbers[1]
        let month = numbers[2] * 10 + numbers[3]
        let kind: Kind = day > 40 ? .dNumber : .birthNumber
        if kind == .dNumber { day -= 40 }
        // The year's century follows from the individual number; any valid day of a leap year is accepted here.
        guard CalendarDate(year: 2000, month: month, day: day) != nil else { return nil }
        guard let first = Self.checkDigit(numbers, weights: [3, 7, 6, 1, 8, 9, 4, 5, 2]), first == numbers[9],
            let second = Self.checkDigit(numbers, weights: [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]), second == numbers[10]
        else { return nil }
        self.digits = trimmed
        self.kind = kind
    }

    /// Mod-11 check digit over the first `weights.count` digits; `nil` when the remainder gives 10 (never issued).
    static func checkDigit(_ numbers: [Int], weights: [Int]) -> Int? {
        let sum = zip(numbers, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let digit = (11 - sum % 11) % 11
        return digit == 10 ? nil : digit
    }

    /// Shown where a person must recognise the patient without the whole number: `010190*****`.
    public var masked: String { String(digits.prefix(6)) + "*****" }
}

/// A health personnel number (HPR-nummer) from the Norwegian health personnel register: up to 9 digits.
public struct HPRNumber: Hashable, Sendable {
    public let digits: String

    public init?(_ text: String) {
        let trimmed = text.filter { $0 != " " }
        guard (4...9).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        digits = trimmed
    }
}
