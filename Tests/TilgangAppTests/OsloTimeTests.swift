import Foundation
import Testing

@testable import TilgangApp

/// The UI's dates are put together from the calendar's parts (no `DateFormatter` per date): they must be what a
/// formatter in Europe/Oslo gives, across summer time changes, midnight and New Year.
@Suite struct OsloTimeTests {
    static func formatted(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nb_NO")
        formatter.timeZone = TimeZone(identifier: "Europe/Oslo")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    @Test func datesAndTimesAreThoseOfAFormatterInOslo() {
        // 2026-03-29 01:00 UTC (summer time begins), 2026-10-25 01:00 UTC (ends), New Year's Eve 23:30 UTC
        // (already 00:30 in Oslo), and every 7 hours 13 minutes over two years.
        var instants = [1_774_746_000.0, 1_792_890_000.0, 1_798_759_800.0, 0.0, 946_684_799.0].map {
            Date(timeIntervalSince1970: $0)
        }
        var t = 1_735_689_600.0
        while t < 1_798_761_600 {
            instants.append(Date(timeIntervalSince1970: t))
            t += 7 * 3600 + 13 * 60
        }
        for instant in instants {
            #expect(OsloTime.date(instant) == Self.formatted(instant, "dd.MM.yyyy"), "\(instant)")
            #expect(OsloTime.dateTime(instant) == Self.formatted(instant, "dd.MM.yyyy HH:mm"), "\(instant)")
        }
        #expect(OsloTime.dateTime(Date(timeIntervalSince1970: 1_798_759_800)) == "01.01.2027 00:30")
        #expect(OsloTime.date(Date(timeIntervalSince1970: 0)) == "01.01.1970")
    }
}
