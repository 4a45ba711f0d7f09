/// The memory of an `ATCGroupTable`'s slots, aligned to a cache line (an array's elements start 32 bytes into
/// its buffer, so a 64-byte slot would span two lines). Shared between copies of a table until one of them
/// changes it (`ATCGroupTable` copies it first).
final class ATCSlots {
    let pointer: UnsafeMutablePointer<ATCGroupTable.Slot>
    let count: Int

    init(count: Int) {
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: count * MemoryLayout<ATCGroupTable.Slot>.stride, alignment: 64)
        pointer = raw.bindMemory(to: ATCGroupTable.Slot.self, capacity: count)
        pointer.initialize(repeating: ATCGroupTable.Slot(), count: count)
        self.count = count
    }

    func copy() -> ATCSlots {
        let copy = ATCSlots(count: count)
        copy.pointer.update(from: pointer, count: count)
        return copy
    }

    deinit { pointer.deallocate() }
}
