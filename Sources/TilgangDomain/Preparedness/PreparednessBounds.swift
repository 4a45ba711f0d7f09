/// Plausible dates and numbers in the preparedness register (issue 18): a slip of the keyboard (01.01.0001,
/// 01.01.9999, a minus sign, three zeros too many) is named at its field instead of being stored, and a chart of
/// the register keeps a readable size whatever is stored. The bounds are written down in docs/preparedness.md.
public enum PreparednessBounds {
    /// No date in the register before this day: the register starts long after.
    public static let earliest = CalendarDate(year: 2000, month: 1, day: 1)!
    /// How far ahead an expected end, an expiry date or a plan may lie.
    public static let yearsAhead = 10
    /// Units, packages or kilograms in one stock lot or one produced batch: more is a typing error.
    public static let maximumQuantity = 100_000_000
    /// Years a chart of the register spans at most (the latest ones).
    public static let chartYears = 15

    /// `yearsAhead` years after `today` (29 February becomes 28 February).
    public static func latest(today: CalendarDate) -> CalendarDate {
        CalendarDate(year: today.year + yearsAhead, month: today.month, day: today.day)
            ?? CalendarDate(year: today.year + yearsAhead, month: today.month, day: 28)!
    }

    /// A date from `earliest` to `latest(today:)`.
    public static func checkDate(_ date: CalendarDate, today: CalendarDate, field: String) -> FieldError? {
        if date < earliest {
            return FieldError(field: field, message: "kan ikke være før \(earliest.norwegian)")
        }
        let latest = latest(today: today)
        if date > latest {
            return FieldError(
                field: field, message: "kan ikke være etter \(latest.norwegian) (\(yearsAhead) år fram i tid)")
        }
        return nil
    }

    /// A quantity from 0 to `maximumQuantity`.
    public static func checkQuantity(_ value: Double, field: String) -> FieldError? {
        if !value.isFinite { return FieldError(field: field, message: "skal være et tall") }
        if value < 0 { return FieldError(field: field, message: "kan ikke være negativ") }
        if value > Double(maximumQuantity) {
            return FieldError(field: field, message: "kan ikke være over 100 000 000; sjekk tallet")
        }
        return nil
    }

    /// The years a chart of shortages per start year shows: from the first plausible start to this year, at
    /// most the latest `chartYears` of them; `nil` when no start is plausible.
    public static func chartRange(startYears: [Int], thisYear: Int) -> ClosedRange<Int>? {
        let plausible = startYears.filter { $0 >= earliest.year && $0 <= thisYear }
        guard let first = plausible.min() else { return nil }
        return max(first, thisYear - chartYears + 1)...thisYear
    }
}
