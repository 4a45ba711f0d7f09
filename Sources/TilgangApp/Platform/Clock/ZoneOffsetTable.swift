import Foundation
import TilgangDomain

/// A time zone's offset from UTC at any instant, from the zone's own transitions (the system's tz database) read
/// once and found again by binary search. `Calendar.dateComponents` in Europe/Oslo was a tenth of a work list's
/// page (two dates a row); outside the table's years the zone itself answers.
struct ZoneOffsetTable: Sendable {
    let zone: TimeZone
    /// Seconds since 1970 at which `offsets[i + 1]` begins.
    private let transitions: [Double]
    /// Seconds east of UTC; `offsets[0]` holds before the first transition.
    private let offsets: [Int]
    private let covered: Range<Double>

    init(zone: TimeZone, from start: Date, to end: Date) {
        var transitions: [Double] = []
        var offsets = [zone.secondsFromGMT(for: start)]
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            transitions.append(next.timeIntervalSince1970)
            offsets.append(zone.secondsFromGMT(for: next))
            cursor = next
        }
        self.zone = zone
        self.transitions = transitions
        self.offsets = offsets
        covered = start.timeIntervalSince1970..<end.timeIntervalSince1970
    }

    /// Seconds east of UTC at `date`.
    func secondsFromGMT(for date: Date) -> Int {
        let instant = date.timeIntervalSince1970
        guard covered.contains(instant) else { return zone.secondsFromGMT(for: date) }
        // The number of transitions at or before the instant.
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return offsets[low]
    }

    /// The wall-clock time at `date`: its calendar date and the second of that day.
    func local(_ date: Date) -> (date: CalendarDate, secondOfDay: Int)? {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + secondsFromGMT(for: date)
        let (day, secondOfDay) = TextFormat.daysAndSecond(secondsSince1970: seconds)
        guard let calendarDate = CalendarDate(daysSince1970: day) else { return nil }
        return (calendarDate, secondOfDay)
    }
}
