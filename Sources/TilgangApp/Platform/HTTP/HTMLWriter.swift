/// Markup written in Swift for the parts of a page Leaf was slow at (long loops): literal markup as it is, every
/// value escaped as Leaf's `#()` escapes it (`HTMLText`).
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Markup of ours, never a value.
    mutating func markup(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value, escaped.
    mutating func text(_ value: String) { HTMLText.escape(value, into: &bytes) }

    /// One `<tag>value</tag>` per value: a row's cells or a header's columns.
    mutating func cells(_ values: [String], tag: Tag) {
        for value in values {
            markup(tag.open)
            text(value)
            markup(tag.close)
        }
    }

    enum Tag {
        case th, td
        var open: StaticString { self == .th ? "<th>" : "<td>" }
        var close: StaticString { self == .th ? "</th>" : "</td>" }
    }

    /// A number: digits need no escaping.
    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    var html: String { String(decoding: bytes, as: UTF8.self) }
}
