/// Distinct six-digit product numbers as one bit each: 125 kB whatever the extract's size.
public struct ProductNumberSet: Sendable {
    private var words = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)

    public init() {}

    public mutating func insert(_ product: Int32) {
        words[Int(product) >> 6] |= 1 << UInt64(product & 63)
    }

    /// Adds every number of `other` (the merge of two parts of an extract).
    public mutating func formUnion(_ other: ProductNumberSet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
