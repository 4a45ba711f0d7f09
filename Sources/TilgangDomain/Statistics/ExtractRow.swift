/// One dispensing of the register extract, as the aggregations need it (docs/extract-format.md). The text fields
/// point into the reader's buffer and are valid only during the callback that receives the row: the reader
/// makes no string per row, which is what keeps a ten-million-row extract fast.
public struct ExtractRow {
    public enum Species: UInt8, Sendable {
        case human
        case animal
    }

    public enum Marker: UInt8, Sendable, Comparable {
        case none = 0
        case shortage = 1
        case deregistered = 2

        public static func < (a: Marker, b: Marker) -> Bool { a.rawValue < b.rawValue }

        public var name: String? {
            switch self {
            case .none: nil
            case .shortage: "shortage"
            case .deregistered: "deregistered"
            }
        }
    }

    public var year: Int
    /// The ATC code packed into an integer (up to 8 ASCII bytes): cheap to hash and compare.
    public var atc: ATCKey
    public var substance: UnsafeBufferPointer<UInt8>
    /// Six digits, or `nil` when empty.
    public var productNumber: Int32?
    public var species: Species
    public var patientID: UnsafeBufferPointer<UInt8>
    /// Packages in thousandths (2.5 packages = 2500), so sums are exact.
    public var packagesMilli: Int64
    /// DDD in thousandths, `nil` when empty.
    public var dddMilli: Int64?
    public var unregistered: Bool
    public var marker: Marker
}

/// An ATC code packed into 64 bits, for fast grouping: 1–7 characters, or 8 for veterinary codes (ATCvet, a `Q`
/// before the human code, as QP52AC01 in the report's animal table).
public struct ATCKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bits: UInt64

    public init?<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        guard (1...8).contains(bytes.count) else { return nil }
        var bits: UInt64 = 0
        for byte in bytes {
            let isCode = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
            guard isCode else { return nil }
            bits = bits << 8 | UInt64(byte)
        }
        // Left-align so that numeric order equals the codes' alphabetical order.
        self.bits = bits << (8 * UInt64(8 - bytes.count))
    }

    public init?(_ text: String) { self.init(Array(text.utf8)) }

    /// A key as `bits` packs it (read back from a table).
    init(bits: UInt64) { self.bits = bits }

    public var description: String {
        var bytes: [UInt8] = []
        var rest = bits
        for _ in 0..<8 {
            let byte = UInt8(rest >> 56)
            if byte != 0 { bytes.append(byte) }
            rest <<= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func hasPrefix(_ prefix: ATCKey) -> Bool {
        let length = (prefix.description.utf8.count)
        let mask: UInt64 = length == 8 ? .max : ~(UInt64.max >> (8 * UInt64(length)))
        return bits & mask == prefix.bits
    }

    public static func < (a: ATCKey, b: ATCKey) -> Bool { a.bits < b.bits }
}
