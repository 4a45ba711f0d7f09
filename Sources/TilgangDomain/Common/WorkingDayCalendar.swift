/// Norwegian working days (virkedager): Monday to Friday, except the public holidays in `NorwegianHolidays`.
///
/// Counting follows the way a deadline runs: the day it starts from is day 0 and is never counted itself, so
/// "3 working days after Friday" is the following Wednesday, and a start on a Saturday counts from Monday.
public enum WorkingDayCalendar {
    /// Whether the agency's desk is open on `date`: not a Saturday, not a Sunday, not a public holiday.
    public static func isWorkingDay(_ date: CalendarDate) -> Bool {
        !date.weekday.isWeekend && !NorwegianHolidays.isHoliday(date)
    }

    /// The `count`th working day after `date` (before it when `count` is negative); `date` itself when `count`
    /// is 0, working day or not. `nil` when the answer would fall outside years 1–9999.
    public static func addingWorkingDays(_ count: Int, to date: CalendarDate) -> CalendarDate? {
        let step = count < 0 ? -1 : 1
        var remaining = abs(count)
        var day = date
        while remaining > 0 {
            guard let next = day.addingDays(step) else { return nil }
            day = next
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Working days after `start` up to and including `end`, so that for `n >= 0`
    /// `workingDays(from: d, to: addingWorkingDays(n, to: d)!) == n`. When `end` is before `start`, minus the
    /// count from `end` to `start`; 0 when they are the same day.
    public static func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        var count = 0
        var day = start
        while day < end, let next = day.addingDays(1) {
            day = next
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }
}
