import Foundation
import Testing

@testable import TilgangDomain

/// Norway's public holidays, weekdays and working-day arithmetic: the calendar the agency desk's deadlines run on.
@Suite struct WorkingDayCalendarTests {
    /// The published Norwegian holiday dates, in `NorwegianHolidays.Holiday` order: 1 Jan, Maundy Thursday,
    /// Good Friday, Easter Sunday, Easter Monday, 1 May, 17 May, Ascension Day, Whit Sunday, Whit Monday,
    /// 25 Dec, 26 Dec.
    static let knownHolidays: [Int: [String]] = [
        2024: [
            "2024-01-01", "2024-03-28", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-01", "2024-05-17",
            "2024-05-09", "2024-05-19", "2024-05-20", "2024-12-25", "2024-12-26",
        ],
        2025: [
            "2025-01-01", "2025-04-17", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-17",
            "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26",
        ],
        2026: [
            "2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-17",
            "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26",
        ],
        2027: [
            "2027-01-01", "2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-17",
            "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26",
        ],
        2028: [
            "2028-01-01", "2028-04-13", "2028-04-14", "2028-04-16", "2028-04-17", "2028-05-01", "2028-05-17",
            "2028-05-25", "2028-06-04", "2028-06-05", "2028-12-25", "2028-12-26",
        ],
        2029: [
            "2029-01-01", "2029-03-29", "2029-03-30", "2029-04-01", "2029-04-02", "2029-05-01", "2029-05-17",
            "2029-05-10", "2029-05-20", "2029-05-21", "2029-12-25", "2029-12-26",
        ],
        2030: [
            "2030-01-01", "2030-04-18", "2030-04-19", "2030-04-21", "2030-04-22", "2030-05-01", "2030-05-17",
            "2030-05-30", "2030-06-09", "2030-06-10", "2030-12-25", "2030-12-26",
        ],
    ]

    static func date(_ iso: String) -> CalendarDate { Fixtures.date(iso) }

    // MARK: - Holidays

    @Test(arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"),
        // The extremes of the Gregorian Easter: 22 March and 25 April.
        (1818, "1818-03-22"), (2285, "2285-03-22"), (1943, "1943-04-25"), (2038, "2038-04-25"),
    ])
    func easterSundayIsTheKnownDate(year: Int, expected: String) {
        // given
        let known = Self.date(expected)
        // when
        let easter = NorwegianHolidays.easterSunday(year: year)
        // then
        #expect(easter == known)
        #expect(easter?.weekday == .sunday)
    }

    @Test(arguments: 2024...2030)
    func everyHolidayOfTheYearIsOnItsKnownDate(year: Int) throws {
        // given
        let known = try #require(Self.knownHolidays[year]).map(Self.date)
        // when
        let dates = NorwegianHolidays.Holiday.allCases.map { NorwegianHolidays.date(of: $0, in: year) }
        let listed = NorwegianHolidays.holidays(in: year)
        // then
        #expect(dates == known)
        #expect(listed.count == 12)
        #expect(listed.map(\.date) == known.sorted())
        for (holiday, day) in zip(NorwegianHolidays.Holiday.allCases, known) {
            #expect(NorwegianHolidays.isHoliday(day), "\(holiday) \(day)")
            #expect(!WorkingDayCalendar.isWorkingDay(day), "\(holiday) \(day)")
        }
    }

    @Test(arguments: 2024...2030)
    func noOtherDayOfTheYearIsAHoliday(year: Int) throws {
        // given
        let known = Set(try #require(Self.knownHolidays[year]).map(Self.date))
        var day = Self.date("\(year)-01-01")
        var others: [CalendarDate] = []
        // when
        while day.year == year {
            if !known.contains(day), NorwegianHolidays.isHoliday(day) { others.append(day) }
            day = day.addingDays(1)!
        }
        // then
        #expect(others.isEmpty)
    }

    @Test(arguments: ["2025-12-24", "2025-12-31", "2026-04-04", "2026-05-16", "2024-12-27", "2027-05-18"])
    func eveningsAndEasterSaturdayAreNotHolidays(iso: String) {
        // given
        let day = Self.date(iso)
        // when
        let holiday = NorwegianHolidays.holiday(on: day)
        // then
        #expect(holiday == nil)
    }

    @Test func twoHolidaysOnOneDateAreBothListedAndTheFixedOneIsNamed() {
        // given: 2027 Whit Monday is 17 May, 2008 Ascension Day is 1 May, 2007 Ascension Day is 17 May
        let whitMonday2027 = Self.date("2027-05-17")
        let ascension2008 = Self.date("2008-05-01")
        let ascension2007 = Self.date("2007-05-17")
        // when
        let on2027 = NorwegianHolidays.holidays(in: 2027).filter { $0.date == whitMonday2027 }.map(\.holiday)
        // then
        #expect(on2027 == [.constitutionDay, .whitMonday])
        #expect(NorwegianHolidays.holiday(on: whitMonday2027) == .constitutionDay)
        #expect(NorwegianHolidays.holiday(on: ascension2008) == .labourDay)
        #expect(NorwegianHolidays.date(of: .ascensionDay, in: 2008) == ascension2008)
        #expect(NorwegianHolidays.holiday(on: ascension2007) == .constitutionDay)
        #expect(NorwegianHolidays.date(of: .ascensionDay, in: 2007) == ascension2007)
    }

    @Test func holidaysAreNamedInNorwegian() {
        // given
        let day = Self.date("2026-05-14")
        // when
        let name = NorwegianHolidays.holiday(on: day)?.norwegianName
        // then
        #expect(name == "Kristi himmelfartsdag")
        #expect(Set(NorwegianHolidays.Holiday.allCases.map(\.norwegianName)).count == 12)
    }

    @Test(arguments: [0, -1, 10000])
    func noEasterOutsideTheYearsACalendarDateHolds(year: Int) {
        // given
        let outside = year
        // when
        let easter = NorwegianHolidays.easterSunday(year: outside)
        // then
        #expect(easter == nil)
        #expect(NorwegianHolidays.holidays(in: outside).isEmpty)
    }

    @Test func everyYearHasItsTwelveHolidaysInTheSameYear() {
        // given
        let years = [1, 1582, 1583, 2000, 2100, 9999]
        // when
        let counts = years.map { year in NorwegianHolidays.holidays(in: year).filter { $0.date.year == year }.count }
        // then
        #expect(counts == Array(repeating: 12, count: years.count))
    }

    // MARK: - Weekdays

    @Test(arguments: [
        ("0001-01-01", Weekday.monday), ("2000-02-29", .tuesday), ("2024-01-01", .monday), ("2026-11-22", .sunday),
        ("2027-05-17", .monday), ("9999-12-31", .friday),
    ])
    func weekdayIsTheKnownOne(iso: String, expected: Weekday) {
        // given
        let day = Self.date(iso)
        // when
        let weekday = day.weekday
        // then
        #expect(weekday == expected)
    }

    @Test func weekdayAgreesWithFoundationFor2024To2030() throws {
        // given
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        var day = Self.date("2024-01-01")
        var disagreements: [CalendarDate] = []
        // when
        while day.year <= 2030 {
            let components = DateComponents(year: day.year, month: day.month, day: day.day)
            let foundationDate = try #require(gregorian.date(from: components))
            // Foundation numbers Sunday 1 … Saturday 7.
            let foundation = (gregorian.component(.weekday, from: foundationDate) + 5) % 7 + 1
            if foundation != day.weekday.rawValue { disagreements.append(day) }
            day = day.addingDays(1)!
        }
        // then
        #expect(disagreements.isEmpty)
    }

    // MARK: - Working days

    @Test(arguments: [
        ("2026-11-20", true), ("2026-11-21", false), ("2026-11-22", false), ("2026-11-23", true),
        ("2025-12-24", true), ("2025-12-31", true), ("2026-04-02", false), ("2026-05-14", false),
        ("2024-05-17", false), ("2026-05-17", false),
    ])
    func workingDayIsAWeekdayThatIsNoHoliday(iso: String, expected: Bool) {
        // given
        let day = Self.date(iso)
        // when
        let working = WorkingDayCalendar.isWorkingDay(day)
        // then
        #expect(working == expected)
    }

    /// Weekdays less the holidays that fall on them (independently counted per year).
    @Test(arguments: [(2024, 252), (2025, 252), (2026, 253), (2027, 255), (2028, 251), (2029, 251), (2030, 251)])
    func workingDaysInAYear(year: Int, expected: Int) {
        // given
        let newYearsEve = Self.date("\(year - 1)-12-31")
        let lastDay = Self.date("\(year)-12-31")
        // when
        let count = WorkingDayCalendar.workingDays(from: newYearsEve, to: lastDay)
        // then
        #expect(count == expected)
    }

    @Test(arguments: [
        // weekends
        ("2026-11-23", 3, "2026-11-26"), ("2026-11-20", 1, "2026-11-23"), ("2026-11-21", 1, "2026-11-23"),
        ("2026-11-20", 5, "2026-11-27"),
        // Easter 2026: Maundy Thursday 2 April to Easter Monday 6 April
        ("2026-04-01", 1, "2026-04-07"), ("2026-03-31", 3, "2026-04-08"),
        // Christmas and New Year 2025/26: Christmas Eve and New Year's Eve are working days
        ("2025-12-23", 1, "2025-12-24"), ("2025-12-24", 1, "2025-12-29"), ("2025-12-29", 3, "2026-01-02"),
        // 17 May on a Friday with Whit Monday after it (2024)
        ("2024-05-16", 1, "2024-05-21"),
        // nothing to add: the day itself, working day or not
        ("2026-11-22", 0, "2026-11-22"),
        // backwards over Easter 2026
        ("2026-04-07", -1, "2026-04-01"), ("2026-04-08", -3, "2026-03-31"),
    ])
    func addingWorkingDaysSkipsWeekendsAndHolidays(start: String, count: Int, expected: String) {
        // given
        let day = Self.date(start)
        // when
        let result = WorkingDayCalendar.addingWorkingDays(count, to: day)
        // then
        #expect(result == Self.date(expected))
    }

    @Test func addingWorkingDaysStopsAtTheEndsOfTheCalendar() {
        // given
        let last = Self.date("9999-12-31")
        let first = Self.date("0001-01-01")
        // when
        let after = WorkingDayCalendar.addingWorkingDays(1, to: last)
        let before = WorkingDayCalendar.addingWorkingDays(-1, to: first)
        // then
        #expect(after == nil)
        #expect(before == nil)
    }

    @Test(arguments: [
        ("2026-11-20", "2026-11-23", 1), ("2026-11-21", "2026-11-22", 0), ("2026-11-23", "2026-11-23", 0),
        ("2026-03-31", "2026-04-08", 3), ("2025-12-23", "2026-01-02", 5), ("2026-11-23", "2026-11-20", -1),
        ("2026-04-08", "2026-03-31", -3),
    ])
    func workingDaysBetweenCountsTheEndButNotTheStart(start: String, end: String, expected: Int) {
        // given
        let from = Self.date(start)
        let to = Self.date(end)
        // when
        let count = WorkingDayCalendar.workingDays(from: from, to: to)
        // then
        #expect(count == expected)
    }

    @Test func countingUndoesAddingForEveryStartIn2024To2030() {
        // given
        var day = Self.date("2024-01-01")
        var mismatches: [String] = []
        // when
        while day.year <= 2030 {
            for count in [0, 1, 3, 14] {
                let later = WorkingDayCalendar.addingWorkingDays(count, to: day)!
                let counted = WorkingDayCalendar.workingDays(from: day, to: later)
                if counted != count || (count > 0 && !WorkingDayCalendar.isWorkingDay(later)) {
                    mismatches.append("\(day) + \(count) = \(later), counted \(counted)")
                }
            }
            day = day.addingDays(1)!
        }
        // then
        #expect(mismatches.isEmpty)
    }
}
