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

    /// The report's sums, read on every core: the file is cut at record boundaries (`ExtractSplitter`), each part
    /// read by its own reader into its own aggregator, and the aggregators merged in file order, so the result is
    /// the single pass's. A fault names the file's line; of several, the first in the file. Memory is one chunk
    /// and one aggregator per core. A `.gz` extract cannot be cut and is read in one pass.
    static func aggregate(_ path: String, year: Int, species: ExtractRow.Species) throws
        -> UnregisteredReportAggregator
    {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard !path.hasSuffix(".gz"), cores > 1, size >= 2 * ChunkedFile.chunkSize,
            let probe = FileHandle(forReadingAtPath: path)
        else {
            var aggregator = UnregisteredReportAggregator(year: year, species: species)
            _ = try read(path) { row in aggregator.add(row) }
            return aggregator
        }
        let parts = try ExtractSplitter.parts(size: size, count: cores) { range in
            try probe.seek(toOffset: UInt64(range.lowerBound))
            return [UInt8](try probe.read(upToCount: range.count) ?? Data())
        }
        try probe.close()
        let results = ExtractPartResults(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            results.set(index, Result { try readPart(path, parts[index], year: year, species: species) })
        }
        // Merged into the first part's sums, one part at a time, so no third table of every code is built.
        var merged = try results.take(0).get()
        for index in 1..<parts.count { merged.merge(try results.take(index).get()) }
        return merged
    }

    private static func readPart(_ path: String, _ part: ExtractPart, year: Int, species: ExtractRow.Species) throws
        -> UnregisteredReportAggregator
    {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw ChunkedFile.Unreadable(description: "Kan ikke åpne «\(path)».")
        }
        defer { try? file.close() }
        var aggregator = UnregisteredReportAggregator(year: year, species: species)
        var reader = part.range.lowerBound == 0 ? ExtractReader() : ExtractReader(continuingAtLine: part.firstLine)
        try file.seek(toOffset: UInt64(part.range.lowerBound))
        var remaining = part.range.count
        while remaining > 0, let data = try file.read(upToCount: min(remaining, ChunkedFile.chunkSize)), !data.isEmpty {
            remaining -= data.count
            try data.withUnsafeBytes { raw in try reader.feed(raw) { row in aggregator.add(row) } }
        }
        try reader.finish { row in aggregator.add(row) }
        return aggregator
    }
}
