import TilgangDomain
import Vapor

/// Dates and times as the UI shows them: DD.MM.YYYY and HH:mm, Europe/Oslo.
enum OsloTime {
    static let zone = TimeZone(identifier: "Europe/Oslo") ?? .gmt

    static func date(_ date: Date) -> String { format(date, "dd.MM.yyyy") }
    static func dateTime(_ date: Date) -> String { format(date, "dd.MM.yyyy HH:mm") }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nb_NO")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
