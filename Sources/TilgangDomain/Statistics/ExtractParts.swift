/// Reads the parts of an extract that `ExtractSplitter` guessed, and puts their sums together so that the result
/// (sums, or the first fault with the file's line number) is the one a single pass gives. The caller reads the
/// parts at the same time, each into its own aggregator; `combine` then checks each guessed cut against the part
/// before it and reads again, in one pass, the parts a wrong guess split.
public enum ExtractParts {
    /// Reads `range` of the extract chunk by chunk through `buffer`: `read(offset, into)` fills the front of
    /// `into` with the bytes from `offset` and returns how many (0 at the end of the file). The part at offset 0
    /// checks the header; a part that ends the file (`isLast`) must not end inside quotes.
    public static func read(
        _ range: Range<Int>, isLast: Bool, year: Int, species: ExtractRow.Species,
        buffer: UnsafeMutableRawBufferPointer, bytes read: (Int, UnsafeMutableRawBufferPointer) throws -> Int
    ) rethrows -> ExtractPartResult {
        var sums = UnregisteredReportAggregator(year: year, species: species)
        var reader = range.lowerBound == 0 ? ExtractReader() : ExtractReader(continuingAtLine: 1)
        var fault: ExtractError?
        var position = range.lowerBound
        while position < range.upperBound && fault == nil {
            let wanted = min(buffer.count, range.upperBound - position)
            let count = try read(position, UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]))
            guard count > 0 else { break }
            position += count
            do {
                try reader.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) { sums.add($0) }
            } catch {
                fault = error
            }
        }
        let endsInsideQuotes = reader.isInsideQuotes
        if fault == nil && (isLast || !endsInsideQuotes) {
            do { try reader.finish { sums.add($0) } } catch { fault = error }
        }
        return ExtractPartResult(
            sums: sums, fault: fault, lines: reader.nextLine - 1, endsInsideQuotes: endsInsideQuotes)
    }

    /// The parts' sums merged in file order. `result(i)` hands over part `i`'s result (read from `ranges[i]`);
    /// `reread(range)` reads a range again in one pass, as `read` does. A part is trusted only when every cut
    /// before it is a record boundary: the first part starts at one, and each part that ends outside quotes
    /// proves the next cut. When a part ends inside quotes, it is read again together with the following parts
    /// until a read ends outside quotes; the parts in between, read from a wrong start, are thrown away.
    public static func combine(
        ranges: [Range<Int>], result: (Int) throws -> ExtractPartResult,
        reread: (Range<Int>, _ isLast: Bool) throws -> ExtractPartResult
    ) throws -> UnregisteredReportAggregator {
        var merged: UnregisteredReportAggregator?
        var linesBefore = 0
        var index = 0
        while index < ranges.count {
            var part = try result(index)
            var end = index
            while part.fault == nil && part.endsInsideQuotes && end < ranges.count - 1 {
                end += 1
                _ = try result(end)
                part = try reread(ranges[index].lowerBound..<ranges[end].upperBound, end == ranges.count - 1)
            }
            if let fault = part.fault {
                throw ExtractError(line: fault.line + linesBefore, field: fault.field, message: fault.message)
            }
            if merged == nil { merged = part.sums } else { merged?.merge(part.sums) }
            linesBefore += part.lines
            index = end + 1
        }
        guard let merged else { throw ExtractError(line: 1, field: "row", message: "uttrekket ble ikke lest") }
        return merged
    }
}
