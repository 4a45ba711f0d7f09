/// How long a decided case keeps its patient data: 10 years (seed 001), 30 years for advanced therapy such as
/// cell therapy (seed 000), after which retention purges the patient data and keeps the rest.
public enum RetentionPolicy {
    public static let standardYears = 10
    public static let advancedTherapyYears = 30

    /// ATC L01XL: antineoplastic cell and gene therapy (CAR-T and the like).
    public static func years(forATC atc: String) -> Int {
        atc.hasPrefix("L01XL") ? advancedTherapyYears : standardYears
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
