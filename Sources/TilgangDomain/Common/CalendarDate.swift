import Foundation

/// A date without time or time zone (`YYYY-MM-DD`), as the rules count whole days.
///
/// Kept apart from `Date` so that a rule such as R9's 90 days never depends on the
/// server's time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns `nil` unless the parts form a real Gregorian date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits), byte by byte: a desk page parses a few hundred stored dates.
    public init?(iso string: String) {
        var parts = (0, 0, 0)
        var count = 0
        for byte in string.utf8 {
            switch (count, byte) {
            case (4, UInt8(ascii: "-")), (7, UInt8(ascii: "-")): break
            case (0..<4, UInt8(ascii: "0")...UInt8(ascii: "9")): parts.0 = parts.0 * 10 + Int(byte - 48)
            case (5..<7, UInt8(ascii: "0")...UInt8(ascii: "9")): parts.1 = parts.1 * 10 + Int(byte - 48)
            case (8..<10, UInt8(ascii: "0")...UInt8(ascii: "9")): parts.2 = parts.2 * 10 + Int(byte - 48)
            default: return nil
            }
            count += 1
        }
        guard count == 10 else { return nil }
        self.init(year: parts.0, month: parts.1, day: parts.2)
    }

    public var iso: String {
        TextFormat.zeroPadded(year, width: 4) + "-" + TextFormat.zeroPadded(month, width: 2) + "-"
            + TextFormat.zeroPadded(day, width: 2)
    }

    /// `DD.MM.YYYY`, the form the user interface shows.
    public var norwegian: String {
        TextFormat.zeroPadded(day, width: 2) + "." + TextFormat.zeroPadded(month, width: 2) + "."
            + TextFormat.zeroPadded(year, width: 4)
    }

    public var description: String { iso }

    /// Days since 0001-01-01 (proleptic Gregorian), so that differences are exact.
    public var dayNumber: Int {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += CalendarDate.daysIn(month: m, year: year) }
        return days + day - 1
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CalendarDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let date = CalendarDate(iso: string) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Ugyldig dato «\(string)»: bruk ÅÅÅÅ-MM-DD.")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension CalendarDate {
    /// The date `dayNumber` days after 0001-01-01, the inverse of `dayNumber`; `nil` outside years 1–9999.
    public init?(dayNumber: Int) {
        guard dayNumber >= 0, dayNumber <= CalendarDate(year: 9999, month: 12, day: 31)!.dayNumber else { return nil }
        var year = max(1, dayNumber / 366)
        while year < 9999, CalendarDate(year: year + 1, month: 1, day: 1)!.dayNumber <= dayNumber { year += 1 }
        var month = 1
        while month < 12, CalendarDate(year: year, month: month + 1, day: 1)!.dayNumber <= dayNumber { month += 1 }
        let first = CalendarDate(year: year, month: month, day: 1)!
        self.init(year: year, month: month, day: 1 + dayNumber - first.dayNumber)
    }
}

extension CalendarDate {
    /// The date `days` after 1970-01-01 (before it when negative), by arithmetic (`TextFormat.civil`): pages turn
    /// two instants a row into dates. `nil` outside years 1–9999.
    public init?(daysSince1970 days: Int) {
        let (year, month, day) = TextFormat.civil(daysSince1970: days)
        self.init(year: year, month: month, day: day)
    }
}

extension CalendarDate {
    /// The date `days` later (earlier when negative); `nil` outside years 1–9999.
    public func addingDays(_ days: Int) -> CalendarDate? { CalendarDate(dayNumber: dayNumber + days) }
}
