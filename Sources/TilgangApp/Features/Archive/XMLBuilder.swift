/// A small writer of indented XML with escaped text, for `arkivstruktur.xml`.
struct XMLBuilder {
    private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
    private var depth = 0

    /// `<name attributes>` … children … `</name>`.
    mutating func element(_ name: String, attributes: [(String, String)] = [], _ children: (inout XMLBuilder) -> Void) {
        let attrs = attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
        line("<\(name)\(attrs)>")
        depth += 1
        children(&self)
        depth -= 1
        line("</\(name)>")
    }

    /// `<name>value</name>`.
    mutating func leaf(_ name: String, _ value: String) {
        line("<\(name)>\(Self.escape(value))</\(name)>")
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    /// Escapes markup, and drops the control characters XML 1.0 cannot hold at all.
    static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
