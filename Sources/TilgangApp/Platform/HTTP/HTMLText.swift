/// Text escaped for HTML exactly as Leaf's `#()` escapes it (`&`, `"`, `'`, `<`, `>`), for the few parts of a page
/// written in Swift (`CaseRowsHTML`, `ExemptionRowsHTML`); `CaseRowsHTMLTests` compares it with LeafKit's
/// `htmlEscaped()`.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        escape(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`, escaped, to `bytes`. UTF-8 is copied byte by byte: the five characters escaped are ASCII,
    /// so no byte of a multi-byte character is mistaken for one.
    static func escape(_ text: String, into bytes: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            default: bytes.append(byte)
            }
        }
    }
}
