/// The report's sums per ATC code (issue 20) as a flat open-addressing table keyed by the packed code, with the
/// groups' sums, patient samples and first substances in parallel arrays, instead of a dictionary of
/// `AggregateGroup`s: about 100 bytes a code against a dictionary's 120 a bucket at up to 2.7 buckets a code, and
/// it grows the arrays by half one after another, so the wide extract's 300 000 codes on two cores fit the memory
/// goal. A row reads its slot (key beside index) and its sums (with the patient count); the patient sample only
/// until it is full.
struct ATCGroupTable {
    struct Sums {
        var dispensings = 0
        var packagesMilli: Int64 = 0
        var dddMilli: Int64 = 0
        var hasDDD = false
        var marker = ExtractRow.Marker.none
        /// Distinct patients so far, up to `SmallNumbers.threshold`: the sample is read only while it is not full.
        var patients: UInt8 = 0
    }

    /// A slot holds its key beside the entry's index plus one (0 when empty), so a lookup reads one place.
    struct Slot {
        var key: UInt64 = 0
        var entry: UInt32 = 0
    }

    /// A power of two long and at most three quarters full, probed linearly from the key's multiplicative hash.
    private var slots = [Slot](repeating: Slot(), count: 1 << 10)
    private var shift = 64 - 10
    private(set) var keys: [ATCKey] = []
    private(set) var sums: [Sums] = []
    private var samples: [PatientSample] = []
    /// The substances, one after another: entry `i`'s ends at `substanceEnds[i]` and starts where `i - 1`'s ends.
    private var substanceBytes: [UInt8] = []
    private var substanceEnds: [UInt32] = []

    var count: Int { keys.count }

    /// The entry of `key`, made with `substance` when the key is new.
    private mutating func entry(_ key: ATCKey, substance: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Int(truncatingIfNeeded: (key.bits &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        let mask = slots.count - 1
        while true {
            let stored = slots[slot]
            if stored.entry == 0 { break }
            if stored.key == key.bits { return Int(stored.entry) - 1 }
            slot = (slot + 1) & mask
        }
        if keys.count == keys.capacity { reserve(keys.count + keys.count / 2 + 16) }
        keys.append(key)
        sums.append(Sums())
        samples.append(PatientSample())
        substanceBytes.append(contentsOf: substance)
        substanceEnds.append(UInt32(truncatingIfNeeded: substanceBytes.count))
        slots[slot] = Slot(key: key.bits, entry: UInt32(keys.count))
        if keys.count * 4 > slots.count * 3 { rehash() }
        return keys.count - 1
    }

    /// Grows every array by half, one after another, rather than each doubling on its own.
    private mutating func reserve(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        sums.reserveCapacity(capacity)
        samples.reserveCapacity(capacity)
        substanceEnds.reserveCapacity(capacity)
    }

    private mutating func rehash() {
        slots = [Slot](repeating: Slot(), count: slots.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key.bits &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
            while slots[slot].entry != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key.bits, entry: UInt32(index + 1))
        }
    }

    mutating func add(_ row: borrowing ExtractRow) {
        let index = entry(row.atc, substance: row.substance)
        var group = sums[index]
        group.dispensings += 1
        group.packagesMilli += row.packagesMilli
        if let ddd = row.dddMilli {
            group.dddMilli += ddd
            group.hasDDD = true
        }
        group.marker = max(group.marker, row.marker)
        if group.patients < SmallNumbers.threshold {
            samples[index].insert(ExtractAggregates.hash(row.patientID))
            group.patients = UInt8(samples[index].count)
        }
        sums[index] = group
    }

    /// Adds the sums of a table read from a later part of the extract: a code's substance stays the first seen.
    mutating func merge(_ later: ATCGroupTable) {
        later.substanceBytes.withUnsafeBufferPointer { bytes in
            for from in 0..<later.count {
                let start = from == 0 ? 0 : Int(later.substanceEnds[from - 1])
                let substance = UnsafeBufferPointer(rebasing: bytes[start..<Int(later.substanceEnds[from])])
                let index = entry(later.keys[from], substance: substance)
                let other = later.sums[from]
                sums[index].dispensings += other.dispensings
                sums[index].packagesMilli += other.packagesMilli
                sums[index].dddMilli += other.dddMilli
                sums[index].hasDDD = sums[index].hasDDD || other.hasDDD
                sums[index].marker = max(sums[index].marker, other.marker)
                let sample = later.samples[from]
                for hash in 0..<sample.count where samples[index].count < SmallNumbers.threshold {
                    samples[index].insert(sample[hash])
                }
                sums[index].patients = UInt8(samples[index].count)
            }
        }
    }

    func substance(at index: Int) -> [UInt8] {
        let start = index == 0 ? 0 : Int(substanceEnds[index - 1])
        return Array(substanceBytes[start..<Int(substanceEnds[index])])
    }

    /// Distinct patients of the entry, counted up to `SmallNumbers.threshold`.
    func patients(at index: Int) -> Int { Int(sums[index].patients) }

    /// The entry as the report's `AggregateGroup`.
    func group(at index: Int) -> AggregateGroup {
        var group = AggregateGroup()
        let sums = sums[index]
        group.dispensings = sums.dispensings
        group.packagesMilli = sums.packagesMilli
        group.dddMilli = sums.dddMilli
        group.hasDDD = sums.hasDDD
        group.marker = sums.marker
        group.substance = String(decoding: substance(at: index), as: UTF8.self)
        group.patients = patients(at: index)
        return group
    }
}
