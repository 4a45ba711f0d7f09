import Foundation
import Testing

@testable import TilgangDomain

/// `CalendarDate`: exact `YYYY-MM-DD` parsing, the Gregorian calendar and whole-day arithmetic (R9 counts days).
@Suite struct CalendarDateTests {
    @Test func parsesISODate() throws {
        // given
        let text = "2026-11-22"
        // when
        let date = try #require(CalendarDate(iso: text))
        // then
        #expect(date.year == 2026 && date.month == 11 && date.day == 22)
        #expect(date.iso == text)
        #expect(date.description == text)
        #expect(date.norwegian == "22.11.2026")
    }

    @Test func isoAndNorwegianFormsArePadded() throws {
        // given
        let date = try #require(CalendarDate(year: 7, month: 3, day: 4))
        // when
        let forms = (date.iso, date.norwegian)
        // then
        #expect(forms.0 == "0007-03-04")
        #expect(forms.1 == "04.03.0007")
    }

    @Test(arguments: [
        "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", "2026-1-01", "26-11-22",
        "2026/11/22", "", "2026-11-22T00:00", "2026-11-2a", "+026-11-22", "２０２６-11-22", " 2026-11-22",
        "2026-11-221", "2026-11-2", "2026-11-22 ", "2026-11--2", "2026--11-22", "-2026-11-2",
    ])
    func rejectsAnythingButARealYYYYMMDD(text: String) {
        // given
        let input = text
        // when
        let date = CalendarDate(iso: input)
        // then
        #expect(date == nil)
    }

    @Test(arguments: [(2024, true), (2000, true), (2023, false), (1900, false), (2100, false), (2400, true)])
    func february29OnlyInLeapYears(year: Int, leap: Bool) {
        // given
        let text = String(format: "%04d-02-29", year)
        // when
        let date = CalendarDate(iso: text)
        // then
        #expect((date != nil) == leap)
        #expect(CalendarDate.isLeap(year) == leap)
    }

    @Test(arguments: [
        ("2024-02-28", "2024-03-01", 2), ("2023-02-28", "2023-03-01", 1), ("2026-09-01", "2026-11-30", 90),
        ("2026-09-01", "2026-12-01", 91), ("2026-11-22", "2026-11-22", 0), ("2026-12-01", "2026-11-30", -1),
        ("2024-01-01", "2025-01-01", 366), ("2025-01-01", "2026-01-01", 365), ("1999-12-31", "2000-01-01", 1),
    ])
    func daysUntil(from: String, to: String, days: Int) throws {
        // given
        let start = try #require(CalendarDate(iso: from))
        let end = try #require(CalendarDate(iso: to))
        // when
        let difference = start.days(until: end)
        // then
        #expect(difference == days)
    }

    @Test func dayNumberStartsAtZeroOnTheFirstDayOfYearOne() throws {
        // given
        let first = try #require(CalendarDate(year: 1, month: 1, day: 1))
        // when
        let number = first.dayNumber
        // then
        #expect(number == 0)
        #expect(CalendarDate(dayNumber: 0) == first)
    }

    @Test(arguments: [
        "0001-01-01", "0001-12-31", "0004-02-29", "1900-02-28", "1900-03-01", "2000-02-29", "2024-12-31", "2026-11-22",
        "2026-12-01", "9998-12-31",
    ])
    func dayNumberRoundTrip(text: String) throws {
        // given
        let date = try #require(CalendarDate(iso: text))
        // when
        let back = CalendarDate(dayNumber: date.dayNumber)
        // then
        #expect(back == date)
    }

    @Test func everyDayOfALeapYearRoundTripsInOrder() throws {
        // given
        let start = try #require(CalendarDate(iso: "2023-12-31")).dayNumber
        // when
        let dates = try (0...367).map { try #require(CalendarDate(dayNumber: start + $0)) }
        // then
        #expect(dates.first?.iso == "2023-12-31")
        #expect(dates.last?.iso == "2025-01-01")
        #expect(dates.map(\.dayNumber) == Array(start...(start + 367)))
        #expect(dates.contains { $0.iso == "2024-02-29" })
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func dayNumberRoundTripInTheLastSupportedYear() {
        // given a valid date in year 9999, which CalendarDate(iso:) accepts
        // when it is turned into a day number and back
        // then it should come back unchanged, but CalendarDate(dayNumber:) traps
        let date = CalendarDate(year: 9999, month: 6, day: 1)!
        #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        #expect(CalendarDate(dayNumber: CalendarDate(year: 9999, month: 12, day: 31)!.dayNumber + 1) == nil)
    }

    @Test func comparesChronologically() throws {
        // given
        let earlier = try #require(CalendarDate(iso: "2026-09-30"))
        let later = try #require(CalendarDate(iso: "2026-10-01"))
        // when
        let ordered = [later, earlier].sorted()
        // then
        #expect(ordered == [earlier, later])
        #expect(earlier < later && !(later < earlier))
    }

    @Test func codableAsISOString() throws {
        // given
        let date = try #require(CalendarDate(iso: "2026-11-22"))
        // when
        let encoded = try JSONEncoder().encode([date])
        let decoded = try JSONDecoder().decode([CalendarDate].self, from: encoded)
        // then
        #expect(String(data: encoded, encoding: .utf8) == #"["2026-11-22"]"#)
        #expect(decoded == [date])
    }

    @Test func decodingAnInvalidDateThrows() {
        // given
        let json = Data(#"["2026-02-30"]"#.utf8)
        // when
        let decode = { try JSONDecoder().decode([CalendarDate].self, from: json) }
        // then
        #expect(throws: DecodingError.self) { try decode() }
    }
}

/// `CalendarDate(daysSince1970:)` by arithmetic against `dayNumber`'s count, over the years dates are kept.
@Suite struct CalendarDateFromDaysTests {
    @Test func everyDayFromEighteenHundredToTwentyTwoHundredMatchesTheDayCount() throws {
        // given
        let epoch = try #require(CalendarDate(year: 1970, month: 1, day: 1)).dayNumber
        var checked = 0
        // when, then
        for days in -62_000...84_000 {
            let date = try #require(CalendarDate(daysSince1970: days))
            #expect(date.dayNumber - epoch == days)
            checked += 1
        }
        #expect(checked == 146_001)
        #expect(CalendarDate(daysSince1970: -719_162) == CalendarDate(year: 1, month: 1, day: 1))
        #expect(CalendarDate(daysSince1970: -719_163) == nil)
    }
}
