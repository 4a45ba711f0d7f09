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

    /// The birth date the number encodes, its century read from the individual number (digits 7–9): 000–499
    /// 1900s; 500–749 with year 54–99 1800s; 500–999 with year 00–39 2000s; 900–999 with year 40–99 1900s.
    /// `nil` for a combination that is not issued, or a day that does not exist in that year.
    public var birthDate: CalendarDate? {
        let n = digits.compactMap(\.wholeNumberValue)
        let day = (n[0] * 10 + n[1]) - (kind == .dNumber ? 40 : 0)
        let month = n[2] * 10 + n[3]
        let year = n[4] * 10 + n[5]
        let individual = n[6] * 100 + n[7] * 10 + n[8]
        let century: Int
        switch (individual, year) {
        case (0...499, _): century = 1900
        case (500...749, 54...99): century = 1800
        case (500...999, 0...39): century = 2000
        case (900...999, 40...99): century = 1900
        default: return nil
        }
        return CalendarDate(year: century + year, month: month, day: day)
    }
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
