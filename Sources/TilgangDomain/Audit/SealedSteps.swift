/// The step seals of a verified audit chain, for `AuditCaseCheck` on a stream of cases: the same three checks
/// (every stored step sealed, every seal stored, each case's state where its last step went) with the same
/// messages, without holding the cases or the seal texts.
///
/// Each seal is kept as its first 64 bits (8 bytes, against about 130 for a `Set<String>` entry), in a sorted
/// array, with one bit that says whether a stored step matched it. Ten years of trust cases (a few million steps)
/// is tens of megabytes at most, whatever the length of the log. A step edited outside Tilgang would have to hit
/// one of the kept prefixes of a keyed hash it cannot compute: about n / 2⁶⁴.
public struct SealedSteps: Sendable {
    private var digests: [UInt64] = []
    private var matched: [UInt64] = []
    private var ready = false

    public init() {}

    /// Seals named so far (before `seal()`), or distinct seals (after).
    public var count: Int { digests.count }

    /// Takes the seals named in an audit row's detail (`DecisionSeal.hashes(inDetail:)`).
    public mutating func add(detail: String) {
        guard detail.contains(DecisionSeal.marker) else { return }
        for hash in DecisionSeal.hashes(inDetail: detail) { digests.append(Self.digest(hash)) }
    }

    /// Done adding: sorts and drops repeats, so a seal written twice counts once (as in a set).
    public mutating func seal() {
        digests.sort()
        var write = 0
        for read in digests.indices where write == 0 || digests[read] != digests[write - 1] {
            digests[write] = digests[read]
            write += 1
        }
        // A copy of the distinct ones only, so the growth slack of the appends is given back.
        digests = Array(digests[..<write])
        matched = Array(repeating: 0, count: (digests.count + 63) / 64)
        ready = true
    }

    /// The first problem in one stored case (after `seal()`), marking its steps' seals as stored.
    public mutating func check(_ stored: AuditCaseCheck.StoredCase, mac: (String) -> String) -> String? {
        precondition(ready, "seal() before check")
        for seal in stored.transitions {
            guard let index = find(Self.digest(mac(seal.canonicalPayload))) else {
                return "case \(stored.caseNumber), step \(seal.position) (\(seal.action) by \(seal.actorID)) is "
                    + "not the step the audit log sealed: changed or added outside Tilgang"
            }
            matched[index / 64] |= 1 << UInt64(index % 64)
        }
        if let last = stored.transitions.last, last.toState != stored.state {
            return "case \(stored.caseNumber) is «\(stored.state)» but its last sealed step went to "
                + "«\(last.toState)»: the state was changed outside Tilgang"
        }
        return nil
    }

    /// After every case: a seal no stored step matched, or nil.
    public func unmatched() -> String? {
        for (word, bits) in matched.enumerated() {
            let last = min(64, digests.count - word * 64)
            let full: UInt64 = last == 64 ? .max : (1 << UInt64(last)) - 1
            guard bits != full else { continue }
            let index = word * 64 + (~bits & full).trailingZeroBitCount
            return "the audit log sealed a step (\(Self.hex(digests[index]).prefix(12))…) that is no longer stored: "
                + "a step was deleted"
        }
        return nil
    }

    private func find(_ digest: UInt64) -> Int? {
        var low = 0
        var high = digests.count
        while low < high {
            let middle = (low + high) / 2
            if digests[middle] < digest { low = middle + 1 } else { high = middle }
        }
        return low < digests.count && digests[low] == digest ? low : nil
    }

    /// The first 16 hex digits of a keyed hash (HMAC-SHA256 in hex); anything else by FNV-1a, so a malformed seal
    /// still matches only itself.
    static func digest(_ hash: String) -> UInt64 {
        let utf8 = hash.utf8
        if utf8.count >= 16 {
            var value: UInt64 = 0
            var valid = true
            for byte in utf8.prefix(16) {
                guard let nibble = hexValue(byte) else {
                    valid = false
                    break
                }
                value = value << 4 | UInt64(nibble)
            }
            if valid { return value }
        }
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
