/// Up to five distinct patient hashes (`SmallNumbers.threshold`), stored inline rather than in an array: one per
/// ATC code group, so hundreds of thousands of codes cost no allocation each.
struct PatientSample: Equatable, Sendable {
    private var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0, e: UInt64 = 0
    private(set) var count = 0

    subscript(index: Int) -> UInt64 {
        switch index {
        case 0: a
        case 1: b
        case 2: c
        case 3: d
        default: e
        }
    }

    /// Adds `hash` unless it is there already or the sample is full.
    mutating func insert(_ hash: UInt64) {
        for index in 0..<count where self[index] == hash { return }
        switch count {
        case 0: a = hash
        case 1: b = hash
        case 2: c = hash
        case 3: d = hash
        case 4: e = hash
        default: return
        }
        count += 1
    }
}
