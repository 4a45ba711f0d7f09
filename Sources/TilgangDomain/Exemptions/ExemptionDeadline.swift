/// The day by which the agency's desk decides an approval-exemption application (SPEC §6): electronic
/// applications within 3 working days, paper ones within 14 days.
///
/// Source: SPEC §6 takes the figures from the agency's pages. Seeds 002 and 004 do not state them (004 only
/// counts the applications, and notes that paper applications notified in pharmacies are missing from Table 1);
/// seed 000 names the electronic channel ("Elektronisk søknad kan sendes via e-resept"). So the reading is
/// ours, in line with `ExemptionWorkflow`'s appeal deadline:
/// - the day of receipt is day 0 and does not count, whatever day it is;
/// - "14 days" are calendar days, as against the "working days" of the same sentence, and the last day is not
///   moved off a weekend or a public holiday;
/// - the last day itself is still in time.
public struct ExemptionDeadline: Hashable, Sendable {
    /// How the application reached the agency.
    public enum Channel: String, CaseIterable, Codable, Sendable {
        /// Sent electronically (via e-resept, seed 000).
        case electronic
        /// Sent on the paper form.
        case paper
    }

    /// Electronic applications: working days after receipt (SPEC §6).
    public static let electronicWorkingDays = 3
    /// Paper applications: calendar days after receipt (SPEC §6).
    public static let paperCalendarDays = 14

    public let received: CalendarDate
    public let channel: Channel
    /// The last day on which a decision is in time.
    public let lastDay: CalendarDate

    /// The deadline of an application received on `received`. Should it fall after 9999-12-31, that day is used.
    public init(received: CalendarDate, channel: Channel) {
        self.received = received
        self.channel = channel
        let lastDay =
            switch channel {
            case .electronic: WorkingDayCalendar.addingWorkingDays(Self.electronicWorkingDays, to: received)
            case .paper: received.addingDays(Self.paperCalendarDays)
            }
        self.lastDay = lastDay ?? CalendarDate(year: 9999, month: 12, day: 31)!
    }

    /// Whether an application still undecided on `today` has missed its deadline: true from the day after
    /// `lastDay`. The caller asks only for undecided applications.
    public func isOverdue(today: CalendarDate) -> Bool { today > lastDay }
}
