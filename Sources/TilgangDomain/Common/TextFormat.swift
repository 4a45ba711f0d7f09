import Foundation

/// Number and byte formatting without `String(format:)`, which goes through Foundation's locale machinery and
/// showed up in profiles of every request (dates, digests, the audit chain). UUIDs likewise: Foundation parses
/// them with `sscanf` and prints them with `snprintf`, and a work list reads and writes hundreds.
public enum TextFormat {
    /// `value` in decimal, left-padded with zeros to `width` digits (negative values keep their sign in front).
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + padding + digits
    }

    /// Lower-case hexadecimal, two digits per byte.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(alphabet[Int(byte >> 4)])
            out.append(alphabet[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical upper-case form, as `UUID.uuidString` writes it.
    public static func uuidString(_ uuid: UUID) -> String {
        String(unsafeUninitializedCapacity: uuidLength) { out in
            writeUUID(uuid, into: out)
            return uuidLength
        }
    }

    /// The length of `uuidString`'s form.
    public static let uuidLength = 36

    /// Writes `uuidString(uuid)` into the first 36 bytes of `out`, for writers that put it straight into their
    /// buffer (a work list writes two a row).
    public static func writeUUID(_ uuid: UUID, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= uuidLength)
        withUnsafeBytes(of: uuid.uuid) { bytes in
            var index = 0
            for position in 0..<16 {
                if position == 4 || position == 6 || position == 8 || position == 10 {
                    out[index] = UInt8(ascii: "-")
                    index += 1
                }
                out[index] = upperHexDigit(bytes[position] >> 4)
                out[index + 1] = upperHexDigit(bytes[position] & 0x0f)
                index += 2
            }
        }
    }

    @inline(__always)
    private static func upperHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    /// A UUID in the 8-4-4-4-12 form, either case, as `UUID(uuidString:)` reads it; nil for anything else.
    public static func uuid(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { chars -> UUID? in
            guard chars.count == 36 else { return nil }
            // Into the tuple itself: an array here was an allocation per id of every row read.
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let valid = withUnsafeMutableBytes(of: &value) { bytes -> Bool in
                var index = 0
                for position in 0..<16 {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        guard chars[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = hexValue(chars[index]), let low = hexValue(chars[index + 1]) else {
                        return false
                    }
                    bytes[position] = high << 4 | low
                    index += 2
                }
                return true
            }
            return valid ? UUID(uuid: value) : nil
        }
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `date` in UTC as ISO 8601 to the second (`2026-11-25T08:24:28Z`), as Vapor's JSON encoder writes dates
    /// (`Date.ISO8601FormatStyle`): fractions of a second are cut, not rounded.
    public static func iso8601(_ date: Date) -> String {
        let short = String(unsafeUninitializedCapacity: iso8601Length) { out in
            writeISO8601(date, into: out) ? iso8601Length : 0
        }
        guard short.isEmpty else { return short }
        let (year, month, dayOfMonth, time) = utcParts(date)
        return zeroPadded(year, width: 4) + "-" + zeroPadded(month, width: 2) + "-"
            + zeroPadded(dayOfMonth, width: 2) + "T" + zeroPadded(time / 3600, width: 2) + ":"
            + zeroPadded(time / 60 % 60, width: 2) + ":" + zeroPadded(time % 60, width: 2) + "Z"
    }

    /// The length of `iso8601`'s form for the years 0–9999.
    public static let iso8601Length = 20

    /// Writes `iso8601(date)` into the first 20 bytes of `out`; false (nothing written) for a year outside
    /// 0–9999, whose form is longer. In place: a list writes two dates a row, and joining seven strings was a
    /// tenth of a work list's CPU (bench/scale).
    public static func writeISO8601(_ date: Date, into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        precondition(out.count >= iso8601Length)
        let (year, month, dayOfMonth, time) = utcParts(date)
        guard (0...9999).contains(year) else { return false }
        func put(_ value: Int, width: Int, at start: Int) {
            var rest = value
            for index in stride(from: start + width - 1, through: start, by: -1) {
                out[index] = UInt8(48 + rest % 10)
                rest /= 10
            }
        }
        put(year, width: 4, at: 0)
        out[4] = UInt8(ascii: "-")
        put(month, width: 2, at: 5)
        out[7] = UInt8(ascii: "-")
        put(dayOfMonth, width: 2, at: 8)
        out[10] = UInt8(ascii: "T")
        put(time / 3600, width: 2, at: 11)
        out[13] = UInt8(ascii: ":")
        put(time / 60 % 60, width: 2, at: 14)
        out[16] = UInt8(ascii: ":")
        put(time % 60, width: 2, at: 17)
        out[19] = UInt8(ascii: "Z")
        return true
    }

    /// The UTC date of `date` and its second of the day, fractions of a second cut.
    private static func utcParts(_ date: Date) -> (year: Int, month: Int, day: Int, secondOfDay: Int) {
        let seconds =
            Int(date.timeIntervalSinceReferenceDate.rounded(.down))
            + Int(Date.timeIntervalBetween1970AndReferenceDate)
        let (day, time) = daysAndSecond(secondsSince1970: seconds)
        let (year, month, dayOfMonth) = civil(daysSince1970: day)
        return (year, month, dayOfMonth, time)
    }

    /// Whole days since 1970-01-01 and the second of that day, `seconds` after its start (floored, so an instant
    /// before 1970 falls on the day it is in, not the next).
    public static func daysAndSecond(secondsSince1970 seconds: Int) -> (days: Int, secondOfDay: Int) {
        let (days, second) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return second < 0 ? (days - 1, second + 86_400) : (days, second)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`), for any year.
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
