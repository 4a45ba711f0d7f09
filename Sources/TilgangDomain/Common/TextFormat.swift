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
        let alphabet = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = alphabet[Int(byte >> 4)]
                    out[index + 1] = alphabet[Int(byte & 0x0f)]
                    index += 2
                }
                return index
            }
        }
    }

    /// A UUID in the 8-4-4-4-12 form, either case, as `UUID(uuidString:)` reads it; nil for anything else.
    public static func uuid(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { chars -> UUID? in
            guard chars.count == 36 else { return nil }
            var bytes = [UInt8](repeating: 0, count: 16)
            var index = 0
            for position in 0..<16 {
                if position == 4 || position == 6 || position == 8 || position == 10 {
                    guard chars[index] == UInt8(ascii: "-") else { return nil }
                    index += 1
                }
                guard let high = hexValue(chars[index]), let low = hexValue(chars[index + 1]) else { return nil }
                bytes[position] = high << 4 | low
                index += 2
            }
            return UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                    bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
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
        let seconds =
            Int(date.timeIntervalSinceReferenceDate.rounded(.down))
            + Int(Date.timeIntervalBetween1970AndReferenceDate)
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, time) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let (year, month, dayOfMonth) = civil(daysSince1970: day)
        guard (0...9999).contains(year) else {
            return zeroPadded(year, width: 4) + "-" + zeroPadded(month, width: 2) + "-"
                + zeroPadded(dayOfMonth, width: 2) + "T" + zeroPadded(time / 3600, width: 2) + ":"
                + zeroPadded(time / 60 % 60, width: 2) + ":" + zeroPadded(time % 60, width: 2) + "Z"
        }
        // Twenty bytes written in place: a list writes two dates a row, and joining seven strings was a tenth of
        // a work list's CPU (bench/scale).
        return String(unsafeUninitializedCapacity: 20) { bytes in
            func put(_ value: Int, width: Int, at start: Int) {
                var rest = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    bytes[index] = UInt8(48 + rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            bytes[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            bytes[7] = UInt8(ascii: "-")
            put(dayOfMonth, width: 2, at: 8)
            bytes[10] = UInt8(ascii: "T")
            put(time / 3600, width: 2, at: 11)
            bytes[13] = UInt8(ascii: ":")
            put(time / 60 % 60, width: 2, at: 14)
            bytes[16] = UInt8(ascii: ":")
            put(time % 60, width: 2, at: 17)
            bytes[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
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
