/// The codes a table met, in the order it met them, with the substance of each one's first row: the substances
/// one after another, code `i`'s ending at `ends[i]` and starting where `i - 1`'s ends.
struct ATCSubstances {
    private(set) var keys: [ATCKey] = []
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    mutating func append(_ key: ATCKey, _ substance: UnsafeBufferPointer<UInt8>) {
        keys.append(key)
        bytes.append(contentsOf: substance)
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    func substance(at index: Int) -> String {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self)
    }
}
