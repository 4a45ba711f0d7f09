import Foundation
import TilgangDomain
import Vapor

/// JSON written straight into a buffer, for the responses read most (work lists, case pages). `JSONEncoder`
/// first builds a tree of boxed values and a dictionary per object, which was a sixth of a work list's CPU
/// (docs/load-benchmark.md). The output is the JSON Vapor's encoder writes for the same value (ISO 8601 dates,
/// absent optionals left out), with the fields in declaration order; `JSONWriterTests` compares the two.
struct JSONWriter {
    /// Plain bytes: appending to an array is cheaper per byte than writing into a `ByteBuffer`.
    private(set) var bytes: [UInt8] = []
    /// True where the next member needs no comma: after `{`, `[` or a key.
    private var atStart = true

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// A member's name; its value follows.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        atStart = true
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        // Over the string's own bytes: through `utf8`'s iterator the scan was a twentieth of a work list.
        var value = value
        value.withUTF8 { utf8 in
            if utf8.contains(where: Self.needsEscape) {
                writeEscaped(utf8)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        atStart = false
    }

    /// A UUID as `uuidString` writes it, straight into the buffer (a work list writes two a row).
    mutating func uuid(_ value: UUID) {
        separate()
        appendQuoted(count: TextFormat.uuidLength) { TextFormat.writeUUID(value, into: $0) }
        atStart = false
    }

    /// A date as Vapor's encoder writes it (ISO 8601 to the second, UTC), straight into the buffer.
    mutating func date(_ value: Date) {
        separate()
        let start = bytes.count
        var written = true
        appendQuoted(count: TextFormat.iso8601Length) { written = TextFormat.writeISO8601(value, into: $0) }
        atStart = false
        guard !written else { return }
        // A year outside 0–9999 has a longer form.
        bytes.removeSubrange(start...)
        atStart = true
        string(TextFormat.iso8601(value))
    }

    /// `count` bytes between quotation marks, written by `fill`.
    private mutating func appendQuoted(count: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "\""), count: count + 2))
        bytes.withUnsafeMutableBufferPointer { all in
            fill(UnsafeMutableBufferPointer(rebasing: all[(start + 1)..<(start + 1 + count)]))
        }
    }

    mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        atStart = false
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Self.true : Self.false)
        atStart = false
    }

    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)

    private mutating func separate() {
        if !atStart { bytes.append(UInt8(ascii: ",")) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func escape(_ char: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(char)
    }

    /// RFC 8259: quotation mark, reverse solidus and control characters are escaped; all else is UTF-8 as is.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): escape(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): escape(UInt8(ascii: "\\"))
            case 0x0A: escape(UInt8(ascii: "n"))
            case 0x0D: escape(UInt8(ascii: "r"))
            case 0x09: escape(UInt8(ascii: "t"))
            case 0x08: escape(UInt8(ascii: "b"))
            case 0x0C: escape(UInt8(ascii: "f"))
            case ..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(contentsOf: TextFormat.hex(CollectionOfOne(byte)).utf8)
            default: bytes.append(byte)
            }
        }
    }
}

extension JSONWriter {
    mutating func field(_ name: StaticString, _ value: some JSONWritable) {
        key(name)
        value.write(to: &self)
    }

    /// Left out when nil, as `JSONEncoder` leaves out absent optionals.
    mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        field(name, value)
    }
}
