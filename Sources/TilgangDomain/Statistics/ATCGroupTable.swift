/// The report's sums per ATC code (issue 20) as a flat open-addressing table keyed by the packed code, with each
/// code's sums and patient sample in its slot: one 64-byte slot, aligned to a cache line, so a row costs one
/// cache miss however many codes there are (the wide extract's 300 000 codes are about 32 MB a core, far beyond
/// the caches; the slot, the sums and the sample in three arrays cost three misses a row). The first substances
/// are kept apart, in the order the codes came (`ATCSubstances`), and read for the lines shown only.
struct ATCGroupTable {
    /// A code's slot: its key (0 when empty), sums, and up to four distinct patient hashes. The fifth distinct
    /// patient is counted, not kept: five is all the suppression needs to know.
    struct Slot {
        var key: UInt64 = 0
        var packagesMilli: Int64 = 0
        var dddMilli: Int64 = 0
        /// Dispensings in the low 48 bits; above them the distinct patients so far (0–5, bits 48–51), the
        /// strongest marker (bits 52–53) and whether a row had a DDD (bit 54).
        var counts: UInt64 = 0
        var patientA: UInt64 = 0
        var patientB: UInt64 = 0
        var patientC: UInt64 = 0
        var patientD: UInt64 = 0

        static let dispensingsMask: UInt64 = (1 << 48) - 1

        var dispensings: Int { Int(counts & Self.dispensingsMask) }
        var patients: Int { Int(counts >> 48 & 0xF) }
        var marker: ExtractRow.Marker { ExtractRow.Marker(rawValue: UInt8(counts >> 52 & 3)) ?? .none }
        var hasDDD: Bool { counts >> 54 & 1 == 1 }

        func patient(_ index: Int) -> UInt64 {
            switch index {
            case 0: patientA
            case 1: patientB
            case 2: patientC
            default: patientD
            }
        }

        /// Counts `hash` as a patient unless it is known already or five are counted.
        mutating func insertPatient(_ hash: UInt64) {
            let count = patients
            guard count < SmallNumbers.threshold else { return }
            for index in 0..<min(count, 4) where patient(index) == hash { return }
            switch count {
            case 0: patientA = hash
            case 1: patientB = hash
            case 2: patientC = hash
            case 3: patientD = hash
            default: break
            }
            counts += 1 << 48
        }

        mutating func add(dispensings: Int, packagesMilli: Int64, dddMilli: Int64?, marker: ExtractRow.Marker) {
            counts += UInt64(dispensings)
            self.packagesMilli += packagesMilli
            if let dddMilli {
                self.dddMilli += dddMilli
                counts |= 1 << 54
            }
            if marker > self.marker { counts = counts & ~(3 << 52) | UInt64(marker.rawValue) << 52 }
        }
    }

    /// The slots, a power of two of them, at most three quarters full, probed linearly from the key's
    /// multiplicative hash.
    private var slots = ATCSlots(count: 1 << 10)
    private var shift = 64 - 10
    /// The codes in the order they came, with their first substances: this table's own, then those of the tables
    /// merged into it, in file order, so the first list that has a code has its first substance. New codes go to
    /// the last list.
    private var substances = [ATCSubstances()]
    private(set) var count = 0

    /// The slot of `key`; a new key is counted, and noted with `substance` unless it comes from a merged table
    /// (`nil`: that table's list has it).
    private mutating func slot(_ key: ATCKey, substance: UnsafeBufferPointer<UInt8>?) -> Int {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (key.bits &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        while true {
            let stored = slots.pointer[index].key
            if stored == key.bits { return index }
            if stored == 0 { break }
            index = (index + 1) & mask
        }
        slots.pointer[index].key = key.bits
        count += 1
        if let substance { substances[substances.count - 1].append(key, substance) }
        if count * 4 > slots.count * 3 {
            rehash()
            return find(key) ?? index
        }
        return index
    }

    /// The slot of `key`, `nil` when the code is not in the table.
    private func find(_ key: ATCKey) -> Int? {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (key.bits &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        while true {
            let stored = slots.pointer[index].key
            if stored == key.bits { return index }
            if stored == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    /// Moves the codes to twice as many slots, or to `count` slots (a larger power of two).
    private mutating func rehash(to count: Int? = nil) {
        let old = slots
        let count = count ?? old.count * 2
        slots = ATCSlots(count: count)
        shift = 64 - count.trailingZeroBitCount
        let mask = slots.count - 1
        for from in 0..<old.count where old.pointer[from].key != 0 {
            let slot = old.pointer[from]
            var index = Int(truncatingIfNeeded: (slot.key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
            while slots.pointer[index].key != 0 { index = (index + 1) & mask }
            slots.pointer[index] = slot
        }
    }

    mutating func add(_ row: borrowing ExtractRow) {
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        let index = slot(row.atc, substance: row.substance)  // before reading `slots`: a new code may grow them
        let slot = slots.pointer + index
        slot.pointee.add(dispensings: 1, packagesMilli: row.packagesMilli, dddMilli: row.dddMilli, marker: row.marker)
        if slot.pointee.patients < SmallNumbers.threshold {
            slot.pointee.insertPatient(ExtractAggregates.hash(row.patientID))
        }
    }

    /// Adds the sums of a table read from a later part of the extract, slot by slot; its substance lists go after
    /// this table's, so a code's substance stays the first seen.
    mutating func merge(_ later: ATCGroupTable) {
        // At least as many slots as the later table: its codes come in the order of their hashes, which would pile
        // up in runs in a smaller table.
        if slots.count < later.slots.count {
            rehash(to: later.slots.count)
        } else if !isKnownUniquelyReferenced(&slots) {
            slots = slots.copy()
        }
        for from in 0..<later.slots.count where later.slots.pointer[from].key != 0 {
            let other = later.slots.pointer[from]
            let index = slot(ATCKey(bits: other.key), substance: nil)
            let slot = slots.pointer + index
            slot.pointee.add(
                dispensings: other.dispensings, packagesMilli: other.packagesMilli,
                dddMilli: other.hasDDD ? other.dddMilli : nil, marker: other.marker)
            if other.patients >= SmallNumbers.threshold {
                slot.pointee.counts = slot.pointee.counts & ~(0xF << 48) | UInt64(SmallNumbers.threshold) << 48
            } else {
                for patient in 0..<other.patients { slot.pointee.insertPatient(other.patient(patient)) }
            }
        }
        substances += later.substances
    }

    /// Every code with its sums, in slot order.
    func forEach(_ body: (ATCKey, Slot) -> Void) {
        for index in 0..<slots.count where slots.pointer[index].key != 0 {
            body(ATCKey(bits: slots.pointer[index].key), slots.pointer[index])
        }
    }

    /// The codes as the report's `AggregateGroup`s, with their first substances (one pass over the lists).
    func groups(_ wanted: [ATCKey]) -> [AggregateGroup] {
        var names = Dictionary(uniqueKeysWithValues: wanted.map { ($0, nil as String?) })
        for list in substances {
            for entry in 0..<list.keys.count where names[list.keys[entry]] == .some(nil) {
                names[list.keys[entry]] = list.substance(at: entry)
            }
        }
        return wanted.map { key in
            var group = AggregateGroup()
            guard let index = find(key) else { return group }
            let slot = slots.pointer[index]
            group.dispensings = slot.dispensings
            group.packagesMilli = slot.packagesMilli
            group.dddMilli = slot.dddMilli
            group.hasDDD = slot.hasDDD
            group.marker = slot.marker
            group.substance = names[key].flatMap { $0 } ?? ""
            group.patients = slot.patients
            return group
        }
    }
}
