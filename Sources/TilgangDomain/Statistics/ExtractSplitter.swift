/// Cuts an extract into parts that can be read at the same time (one per core) without reading it first: each cut
/// is a guess, just after the first newline at or after an even share of the file. A guess is right unless it
/// falls inside a quoted field that holds a newline; `ExtractParts.combine` finds out from the part before it
/// (which ends inside quotes exactly when the guess is wrong) and reads those parts again as one. So no serial
/// pass over the file comes before the parallel reads, and a quoted field is never split.
public enum ExtractSplitter {
    /// Up to `count` contiguous, non-empty ranges covering `0..<size` (one empty range for an empty file); `read`
    /// hands over the bytes of a range (a file's, or memory's in the tests), read only near each cut. Fewer parts
    /// when there is no newline after a cut's offset.
    public static func parts(
        size: Int, count: Int, window: Int = 64 << 10, read: (Range<Int>) throws -> [UInt8]
    ) rethrows -> [Range<Int>] {
        var cuts = [0]
        for index in 1..<max(count, 1) {
            var position = max(size / count * index, cuts[cuts.count - 1])
            var cut: Int?
            while cut == nil && position < size {
                let end = min(size, position + max(window, 1))
                let bytes = try read(position..<end)
                guard !bytes.isEmpty else { break }
                if let newline = bytes.firstIndex(of: 0x0A) { cut = position + newline + 1 }
                position += bytes.count
            }
            guard let cut, cut < size else { break }
            if cut > cuts[cuts.count - 1] { cuts.append(cut) }
        }
        cuts.append(size)
        return (1..<cuts.count).map { cuts[$0 - 1]..<cuts[$0] }.filter { !$0.isEmpty || size == 0 }
    }
}
