/// How long a decided case keeps its patient data: 10 years (seed 001), 30 years for advanced therapy such as
/// cell therapy (seed 000), after which retention purges the patient data and keeps the rest.
public enum RetentionPolicy {
    public static let standardYears = 10
    public static let advancedTherapyYears = 30

    /// ATC L01XL: antineoplastic cell and gene therapy (CAR-T and the like).
    public static func years(forATC atc: String) -> Int {
        atc.hasPrefix("L01XL") ? advancedTherapyYears : standardYears
    }

    /// The last decision day that can be due on `today` under any retention time (none is shorter than
    /// `standardYears`): retention reads only records decided by then, not ten years of them, and `isDue` decides.
    /// A day later than `today` minus ten years, for a 29 February whose anniversary is 28 February.
    public static func latestPossiblyDue(today: CalendarDate) -> CalendarDate {
        let back =
            CalendarDate(year: today.year - standardYears, month: today.month, day: today.day)
            ?? CalendarDate(year: today.year - standardYears, month: today.month, day: today.day - 1)
        guard let back, let next = back.addingDays(1) else { return today }
        return next
    }

    /// Whether a case decided on `decided` must be purged on `today`.
    public static func isDue(decided: CalendarDate, years: Int, today: CalendarDate) -> Bool {
        let anniversary =
            CalendarDate(year: decided.year + years, month: decided.month, day: decided.day)
            ?? CalendarDate(year: decided.year + years, month: decided.month, day: decided.day - 1)
        guard let anniversary else { return false }
        return today >= anniversary
    }
}
