import Foundation

/// An uploaded file's name made safe to store, list and send back in a `Content-Disposition` header: no path, no
/// control or bidirectional characters, no quotes or separators, at most 120 characters, never empty.
public enum AttachmentFileName {
    public static let maxLength = 120

    public static func sanitise(_ name: String) -> String {
        // Browsers on Windows have sent the whole path; keep the last part.
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String.UnicodeScalarView()
        for scalar in last.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: continue
            default: break
            }
            if "\"'<>:|?*;%`".unicodeScalars.contains(scalar) {
                kept.append("_")
            } else {
                kept.append(scalar)
            }
        }
        var cleaned = String(kept).trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        if cleaned.count > maxLength {
            // Keep the extension, which tells the reader what the file is.
            let dot = cleaned.lastIndex(of: ".")
            let ext = dot.map { String(cleaned[$0...]) }.flatMap { $0.count <= 10 ? $0 : nil } ?? ""
            cleaned = String(cleaned.prefix(maxLength - ext.count)) + ext
        }
        return cleaned.isEmpty ? "vedlegg" : cleaned
    }

    /// The name as plain ASCII for the `filename=` of `Content-Disposition`; the full name goes in `filename*=`.
    public static func ascii(_ name: String) -> String {
        let mapped = name.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "æ": "ae"
            case "ø": "o"
            case "å": "a"
            case "Æ": "AE"
            case "Ø": "O"
            case "Å": "A"
            default: scalar.isASCII && scalar.value >= 0x20 && scalar != "\\" ? String(scalar) : "_"
            }
        }
        return mapped.joined()
    }
}
