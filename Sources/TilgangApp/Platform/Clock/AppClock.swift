import Foundation
import NIOConcurrencyHelpers
import TilgangDomain
import Vapor

/// The one clock of the application: the time now and the day in Oslo. Services ask it instead of calling
/// `Date()`, so that a test can set the day (`set(_:)`) and every part of the app sees the same day.
final class AppClock: Sendable {
    private let fixed = NIOLockedValueBox<Date?>(nil)

    init(fixedAt date: Date? = nil) { fixed.withLockedValue { $0 = date } }

    /// The current instant (the fixed one in a test that set it).
    var now: Date { fixed.withLockedValue { $0 } ?? Date() }

    /// Today's date in Europe/Oslo, where every date in Tilgang is.
    var today: CalendarDate { Self.dayInOslo(now) }

    /// Stops the clock at `date` (tests); `nil` lets it run again.
    func set(_ date: Date?) { fixed.withLockedValue { $0 = date } }

    static let oslo = TimeZone(identifier: "Europe/Oslo") ?? .current

    /// The Gregorian calendar in Europe/Oslo, made once: a list page asks it for two dates per row.
    static let osloCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = oslo
        return calendar
    }()

    /// `CalendarDate.dayNumber` of 1970-01-01 (its days count from 0001-01-01).
    private static let unixEpochDayNumber = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber

    /// The first instant of `day` in Europe/Oslo: an instant before it is on an earlier day there.
    static func startOfDayInOslo(_ day: CalendarDate) -> Date {
        osloCalendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
            ?? Date(timeIntervalSince1970: Double(day.dayNumber - unixEpochDayNumber) * 86_400)
    }

    /// Europe/Oslo's offsets from UTC, 1970 to 2100, read once from the tz database.
    static let osloOffsets = ZoneOffsetTable(
        zone: oslo, from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))

    /// The calendar date of `instant` in Europe/Oslo.
    static func dayInOslo(_ instant: Date) -> CalendarDate {
        if let local = osloOffsets.local(instant) { return local.date }
        let parts = osloCalendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }
}

extension Application {
    private struct ClockKey: StorageKey {
        typealias Value = AppClock
    }

    /// The application's clock; a system clock unless a test set one.
    var clock: AppClock {
        get {
            if let clock = storage[ClockKey.self] { return clock }
            let clock = AppClock()
            storage[ClockKey.self] = clock
            return clock
        }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var clock: AppClock { application.clock }
}
