/// An exemption is limited to a stated quantity or at most one year (SPEC §6); expiry is shown before it happens.
public enum ExemptionValidity {
    /// Warn this many days before the last valid day.
    public static let warningDays = 30

    public enum Status: String, Codable, Sendable {
        case notYetValid = "not_yet_valid"
        case valid
        case expiringSoon = "expiring_soon"
        case expired
    }

    /// The last day an exemption starting on `start` may run: one year on, less a day (01.03.2026–28.02.2027).
    public static func latestEnd(from start: CalendarDate) -> CalendarDate {
        let nextYear =
            CalendarDate(year: start.year + 1, month: start.month, day: start.day)
            ?? CalendarDate(year: start.year + 1, month: start.month, day: start.day - 1)  // 29 February
        return nextYear.flatMap { $0.addingDays(-1) } ?? start
    }

    /// Field errors for a validity period: both ends given, in order, at most one year.
    public static func check(from: CalendarDate?, until: CalendarDate?) -> [FieldError] {
        guard let from else { return [FieldError(field: "validFrom", message: "oppgi en gyldig dato")] }
        guard let until else { return [FieldError(field: "validUntil", message: "oppgi en gyldig dato")] }
        if until < from { return [FieldError(field: "validUntil", message: "kan ikke være før fra-dato")] }
        if until > latestEnd(from: from) {
            return [
                FieldError(
                    field: "validUntil",
                    message:
                        "et godkjenningsfritak gjelder høyst ett år (til og med \(latestEnd(from: from).norwegian))")
            ]
        }
        return []
    }

    public static func status(from: CalendarDate, until: CalendarDate, on today: CalendarDate) -> Status {
        if today < from { return .notYetValid }
        if today > until { return .expired }
        return today.days(until: until) <= warningDays ? .expiringSoon : .valid
    }
}
