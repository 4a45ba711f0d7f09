import Foundation
import TilgangDomain

/// Streams a register extract from disk into an `ExtractReader` in chunks (`.gz` decompressed as it is read).
enum ExtractFile {
    static func read(_ path: String, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void) throws -> Int {
        var reader = ExtractReader()
        let file = try ChunkedFile(path, what: "uttrekket")
        while let data = try file.next() {
            try data.withUnsafeBytes { raw in try reader.feed(raw, handle) }
        }
        try reader.finish(handle)
        try file.close()
        return reader.rows
    }

    /// The report's sums, read on every core: the file is cut near even shares at guessed record boundaries
    /// (`ExtractSplitter`, which reads only a little near each cut), each part read by its own reader into its own
    /// aggregator through its own buffer, and `ExtractParts.combine` merges them in file order after checking the
    /// guesses, so the result is the single pass's. A fault names the file's line; of several, the first in the
    /// file. Memory is one buffer and one aggregator per core. A `.gz` extract cannot be cut and is read in one pass.
    static func aggregate(_ path: String, year: Int, species: ExtractRow.Species) throws
        -> UnregisteredReportAggregator
    {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let file = path.hasSuffix(".gz") || cores < 2 ? nil : FileHandle(forReadingAtPath: path)
        defer { try? file?.close() }
        guard let file, let size = Self.size(of: file.fileDescriptor), size >= 2 * ChunkedFile.chunkSize else {
            var aggregator = UnregisteredReportAggregator(year: year, species: species)
            _ = try read(path) { row in aggregator.add(row) }
            return aggregator
        }
        let descriptor = file.fileDescriptor
        let ranges = try ExtractSplitter.parts(size: size, count: cores) { range in
            var bytes = [UInt8](repeating: 0, count: range.count)
            let count = try bytes.withUnsafeMutableBytes { try readBytes(descriptor, at: range.lowerBound, into: $0) }
            return Array(bytes.prefix(count))
        }
        let results = ExtractPartResults(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            results.set(
                index,
                Result {
                    try readPart(descriptor, ranges[index], isLast: index == ranges.count - 1, year, species)
                })
        }
        return try ExtractParts.combine(
            ranges: ranges, result: { try results.take($0).get() },
            reread: { range, isLast in try readPart(descriptor, range, isLast: isLast, year, species) })
    }

    /// Reads a part through a buffer of its own, reused for every chunk: a buffer small enough to stay in the
    /// core's cache while it is parsed, and no allocation (nor fresh pages to fault in) per chunk.
    private static func readPart(
        _ descriptor: Int32, _ range: Range<Int>, isLast: Bool, _ year: Int, _ species: ExtractRow.Species
    ) throws -> ExtractPartResult {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: partBufferSize, alignment: 64)
        defer { buffer.deallocate() }
        return try ExtractParts.read(range, isLast: isLast, year: year, species: species, buffer: buffer) {
            offset, into in try readBytes(descriptor, at: offset, into: into)
        }
    }

    static let partBufferSize = 512 << 10

    /// The size of the open file (`fstat`): through a symbolic link, the file's, where `attributesOfItem` gives
    /// the link's own (which read every linked extract in one pass).
    static func size(of descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// `pread` until `into` is full or the file ends: how many bytes were read.
    private static func readBytes(_ descriptor: Int32, at offset: Int, into: UnsafeMutableRawBufferPointer) throws
        -> Int
    {
        var done = 0
        while done < into.count {
            let count = pread(descriptor, into.baseAddress! + done, into.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw ChunkedFile.Unreadable(description: "Kan ikke lese uttrekket (feil \(errno)).")
            }
            if count == 0 { break }
            done += count
        }
        return done
    }
}
