/// A day of the week, Monday first as in Norway (ISO 8601 numbering: Monday 1 … Sunday 7).
public enum Weekday: Int, CaseIterable, Comparable, Sendable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWeekend: Bool { self == .saturday || self == .sunday }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension CalendarDate {
    /// The day of the week. `dayNumber` 0 is 0001-01-01, a Monday in the proleptic Gregorian calendar.
    public var weekday: Weekday { Weekday(rawValue: dayNumber % 7 + 1)! }
}
