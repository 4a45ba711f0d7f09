/// Cuts an extract into parts that can be read at the same time (one per core): each cut is just after a
/// newline outside quotes, decided with the same rule as `ExtractReader` (every `"` toggles quoting), so a quoted
/// field holding newlines and commas is never split and each part reads the records a single pass reads.
///
/// Finding a cut needs the quoting state there, so the bytes before it are scanned once, counting quotes and
/// newlines only (a loop the compiler vectorises), which is a small part of the parse it makes parallel.
public enum ExtractSplitter {
    /// Up to `count` parts of an extract of `size` bytes; `read` hands over the bytes of a range (a file's, or
    /// memory's in the tests). Fewer parts when the extract is small or has no boundary near a cut.
    public static func parts(
        size: Int, count: Int, chunk: Int = 4 << 20, read: (Range<Int>) throws -> [UInt8]
    ) rethrows -> [ExtractPart] {
        var parts: [ExtractPart] = []
        var partStart = 0
        var partLine = 1
        var position = 0
        var quotes = 0
        var line = 1
        for index in 1..<max(count, 1) {
            let target = size / count * index
            guard target > position else { continue }
            while position < target {
                let end = min(target, position + chunk)
                let bytes = try read(position..<end)
                let counts = bytes.withUnsafeBufferPointer(Self.count)
                quotes &+= counts.quotes
                line += counts.newlines
                position = end
            }
            // The first newline outside quotes from here ends the part.
            var cut: Int?
            while cut == nil && position < size {
                let end = min(size, position + (64 << 10))
                let bytes = try read(position..<end)
                for offset in bytes.indices {
                    if bytes[offset] == 0x22 {
                        quotes &+= 1
                    } else if bytes[offset] == 0x0A {
                        line += 1
                        if quotes & 1 == 0 {
                            cut = position + offset + 1
                            break
                        }
                    }
                }
                position = cut ?? end
            }
            guard let cut, cut < size else { break }
            parts.append(ExtractPart(range: partStart..<cut, firstLine: partLine))
            partStart = cut
            partLine = line
        }
        parts.append(ExtractPart(range: partStart..<size, firstLine: partLine))
        return parts
    }

    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> (quotes: Int, newlines: Int) {
        var quotes = 0
        var newlines = 0
        for byte in bytes {
            quotes &+= byte == 0x22 ? 1 : 0
            newlines &+= byte == 0x0A ? 1 : 0
        }
        return (quotes, newlines)
    }
}
