/// How long a department head's grant of access to earlier applications lasts (issue 19, seed 001: «To see
/// earlier applications the treating physician must request access through BAT»). A grant starts the day it is
/// given and runs `defaultDays` unless the head chooses fewer or more, never beyond `maximumDays`: access to
/// another physician's patient records is for the treatment at hand, not standing.
public enum AccessGrantPeriod {
    public static let defaultDays = 30
    public static let maximumDays = 90

    /// The last day (inclusive) of a grant of `days` days given on `today`; nil when `days` is not 1…maximumDays.
    public static func lastDay(from today: CalendarDate, days: Int) -> CalendarDate? {
        guard (1...maximumDays).contains(days) else { return nil }
        return today.addingDays(days - 1)
    }
}
