/// Norway's public holidays (helligdager and offentlige høytidsdager): the days on which the agency's desk is
/// closed besides Saturdays and Sundays.
///
/// Seven of the twelve move with Easter, which is computed with the anonymous Gregorian algorithm (Meeus/Jones/
/// Butcher), so every year 1–9999 works without a table. Christmas Eve and New Year's Eve are not public
/// holidays and are not listed.
public enum NorwegianHolidays {
    /// One public holiday, in calendar order.
    public enum Holiday: String, CaseIterable, Codable, Sendable {
        case newYearsDay = "new_years_day"
        case maundyThursday = "maundy_thursday"
        case goodFriday = "good_friday"
        case easterSunday = "easter_sunday"
        case easterMonday = "easter_monday"
        case labourDay = "labour_day"
        case constitutionDay = "constitution_day"
        case ascensionDay = "ascension_day"
        case whitSunday = "whit_sunday"
        case whitMonday = "whit_monday"
        case christmasDay = "christmas_day"
        case boxingDay = "boxing_day"

        /// The name the user interface shows.
        public var norwegianName: String {
            switch self {
            case .newYearsDay: "1. nyttårsdag"
            case .maundyThursday: "Skjærtorsdag"
            case .goodFriday: "Langfredag"
            case .easterSunday: "1. påskedag"
            case .easterMonday: "2. påskedag"
            case .labourDay: "Offentlig høytidsdag (1. mai)"
            case .constitutionDay: "Grunnlovsdag (17. mai)"
            case .ascensionDay: "Kristi himmelfartsdag"
            case .whitSunday: "1. pinsedag"
            case .whitMonday: "2. pinsedag"
            case .christmasDay: "1. juledag"
            case .boxingDay: "2. juledag"
            }
        }

        /// Days from Easter Sunday for the holidays that move with Easter; `nil` for the fixed ones.
        var daysFromEaster: Int? {
            switch self {
            case .maundyThursday: -3
            case .goodFriday: -2
            case .easterSunday: 0
            case .easterMonday: 1
            case .ascensionDay: 39
            case .whitSunday: 49
            case .whitMonday: 50
            case .newYearsDay, .labourDay, .constitutionDay, .christmasDay, .boxingDay: nil
            }
        }

        /// Month and day for the fixed holidays; `nil` for those that move with Easter.
        var fixedMonthDay: (month: Int, day: Int)? {
            switch self {
            case .newYearsDay: (1, 1)
            case .labourDay: (5, 1)
            case .constitutionDay: (5, 17)
            case .christmasDay: (12, 25)
            case .boxingDay: (12, 26)
            default: nil
            }
        }
    }

    /// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm); `nil` outside 1–9999.
    public static func easterSunday(year: Int) -> CalendarDate? {
        guard (1...9999).contains(year) else { return nil }
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let monthAndDay = h + l - 7 * m + 114
        return CalendarDate(year: year, month: monthAndDay / 31, day: monthAndDay % 31 + 1)
    }

    /// The date of `holiday` in `year`; `nil` outside 1–9999.
    ///
    /// Easter falls between 22 March and 25 April, so Maundy Thursday (19 March at the earliest) and Whit
    /// Monday (14 June at the latest) are always in the same year.
    public static func date(of holiday: Holiday, in year: Int) -> CalendarDate? {
        if let fixed = holiday.fixedMonthDay { return CalendarDate(year: year, month: fixed.month, day: fixed.day) }
        guard let offset = holiday.daysFromEaster, let easter = easterSunday(year: year) else { return nil }
        return easter.addingDays(offset)
    }

    /// Every public holiday of `year` with its date, in calendar order; empty outside 1–9999.
    ///
    /// Two holidays can fall on one date (Ascension Day on 1 May in 2008, Whit Monday on 17 May in 2027); both
    /// are listed, so the list always has twelve entries.
    public static func holidays(in year: Int) -> [(holiday: Holiday, date: CalendarDate)] {
        Holiday.allCases.enumerated()
            .compactMap { order, holiday in date(of: holiday, in: year).map { (order, holiday, $0) } }
            .sorted { ($0.2, $0.0) < ($1.2, $1.0) }
            .map { ($0.1, $0.2) }
    }

    /// The public holiday on `date`, if it is one; where two fall on that date, the fixed one (1 May, 17 May).
    public static func holiday(on date: CalendarDate) -> Holiday? {
        let fromEaster = easterSunday(year: date.year).map { $0.days(until: date) }
        return Holiday.allCases.first { holiday in
            if let fixed = holiday.fixedMonthDay { return fixed == (date.month, date.day) }
            return holiday.daysFromEaster == fromEaster
        }
    }

    /// Whether `date` is a public holiday.
    public static func isHoliday(_ date: CalendarDate) -> Bool { holiday(on: date) != nil }
}
