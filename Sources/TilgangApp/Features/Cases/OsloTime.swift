import TilgangDomain
import Vapor

/// Dates and times as the UI shows them: DD.MM.YYYY and HH:mm, Europe/Oslo. Put together from the calendar's
/// parts rather than by a `DateFormatter`: making one (ICU) for every date cost more than the rest of a list
/// page's row (bench/scale), and a shared one is not safe across threads.
enum OsloTime {
    static let zone = AppClock.oslo

    static func date(_ date: Date) -> String {
        if let local = AppClock.osloOffsets.local(date) { return local.date.norwegian }
        let parts = AppClock.osloCalendar.dateComponents([.year, .month, .day], from: date)
        return "\(pad(parts.day, 2)).\(pad(parts.month, 2)).\(pad(parts.year, 4))"
    }

    static func dateTime(_ date: Date) -> String {
        if let local = AppClock.osloOffsets.local(date) {
            return local.date.norwegian + " " + pad(local.secondOfDay / 3600, 2) + ":"
                + pad(local.secondOfDay / 60 % 60, 2)
        }
        let parts = AppClock.osloCalendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return
            "\(pad(parts.day, 2)).\(pad(parts.month, 2)).\(pad(parts.year, 4)) \(pad(parts.hour, 2)):\(pad(parts.minute, 2))"
    }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
