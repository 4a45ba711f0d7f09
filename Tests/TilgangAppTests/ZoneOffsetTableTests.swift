import Foundation
import Testing
import TilgangDomain

@testable import TilgangApp

/// Dates and times in Europe/Oslo from the offset table must be what Foundation's calendar says, at every hour
/// and on both sides of every change between summer and winter time.
@Suite struct ZoneOffsetTableTests {
    /// The calendar's answer, as the pages computed it before the table.
    private static func byCalendar(_ date: Date) -> (date: String, dateTime: String, day: CalendarDate?) {
        let parts = AppClock.osloCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?, _ width: Int) -> String { TextFormat.zeroPadded(value ?? 0, width: width) }
        let day = "\(pad(parts.day, 2)).\(pad(parts.month, 2)).\(pad(parts.year, 4))"
        return (
            day, day + " \(pad(parts.hour, 2)):\(pad(parts.minute, 2))",
            CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        )
    }

    private static func expectAgrees(_ date: Date, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = byCalendar(date)
        #expect(OsloTime.date(date) == expected.date, "\(date)", sourceLocation: sourceLocation)
        #expect(OsloTime.dateTime(date) == expected.dateTime, "\(date)", sourceLocation: sourceLocation)
        #expect(AppClock.dayInOslo(date) == expected.day, "\(date)", sourceLocation: sourceLocation)
    }

    @Test func everyFortyThreeMinutesFromTwentyFifteenToTwentyThirtyOneAgreesWithTheCalendar() {
        // given: instants that walk through every hour of the day over the years
        let start = Date(timeIntervalSince1970: 1_420_070_400)  // 2015-01-01T00:00:00Z
        let end = Date(timeIntervalSince1970: 1_924_992_000)  // 2031-01-01T00:00:00Z
        var checked = 0
        var instant = start
        // when, then
        while instant < end {
            Self.expectAgrees(instant)
            instant += 43 * 60 + 17
            checked += 1
        }
        #expect(checked > 180_000)
    }

    @Test func eitherSideOfEveryChangeOfClockAgreesWithTheCalendar() throws {
        // given: each change of clock in Oslo from 2000 to 2040, as the time zone reports it
        var changes: [Date] = []
        var cursor = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        while let next = AppClock.oslo.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < 2_208_988_800
        {
            changes.append(next)
            cursor = next
        }
        // (two a year: the table is empty if the zone were not found, and this would prove nothing)
        #expect(changes.count == 80)
        // when, then: a second, a minute and an hour either side
        for change in changes {
            for offset in [-3600.0, -60, -1, -0.5, 0, 0.5, 1, 60, 3600] {
                Self.expectAgrees(change + offset)
            }
        }
    }

    @Test func outsideTheTableTheZoneAnswers() {
        // given: before 1970 and after 2100
        let instants = [
            Date(timeIntervalSince1970: -1_000_000_000), Date(timeIntervalSince1970: 4_200_000_000),
            Date(timeIntervalSince1970: 4_102_444_799.5),
        ]
        // when, then
        for instant in instants { Self.expectAgrees(instant) }
    }
}
