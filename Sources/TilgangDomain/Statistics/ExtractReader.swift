/// Reads the register extract (CSV, RFC 4180) from byte chunks, checks every row and hands each one to a
/// callback. Chunks can split a row anywhere; quoted fields may hold commas, doubled quotes and newlines.
/// Memory is one chunk plus one partial row, whatever the file's size.
public struct ExtractReader {
    public static let header =
        "year,atc_code,substance,product_number,species,patient_id,packages,ddd,unregistered,marker"
    static let fieldNames = header.split(separator: ",").map(String.init)

    /// The partial record left at the end of the last chunk.
    private var carry: [UInt8] = []
    /// Physical line where the next record starts (1 = header).
    private var line = 1
    private var sawHeader = false
    /// Whether `carry` ends inside a quoted field.
    private var inQuotes = false
    /// Reused for quoted fields, so unquoting allocates only once.
    private var unquoted: [UInt8] = []
    /// Room for a record's field slices, reused for every record without quotes: no allocation per row. One more
    /// than a record has, so a record with too many fields is found.
    private var fields = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: 11)
    public private(set) var rows = 0
    /// Whether the input so far ends inside a quoted field.
    public var isInsideQuotes: Bool { inQuotes }
    /// The physical line the next record starts on.
    public var nextLine: Int { line }

    public init() {}

    /// A reader for a part of an extract that starts after the header, at a record boundary, on physical line
    /// `line` (1 when the part's faults are to be counted from its start, as `ExtractParts` does).
    public init(continuingAtLine line: Int) {
        self.line = line
        sawHeader = true
    }

    /// Feeds the next chunk; complete records are checked and passed to `handle` in order.
    ///
    /// A record without quotes (nearly all) is split in one pass that looks at eight bytes at a time for a
    /// comma, a quote or a newline; a record with a quote, or one that a chunk boundary cuts, takes the byte by
    /// byte path (`record`), where every `"` toggles quoting.
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void
    ) throws(ExtractError) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        var start = 0
        if !carry.isEmpty || inQuotes || !sawHeader {
            // Finish the record the last chunk cut (or the header) byte by byte.
            var index = 0
            var quotes = inQuotes
            while index < count {
                let byte = base[index]
                if byte == 0x22 {
                    quotes.toggle()
                } else if byte == 0x0A && !quotes {
                    break
                }
                index += 1
            }
            inQuotes = quotes
            carry.append(contentsOf: UnsafeBufferPointer(start: base, count: index))
            guard index < count else { return }
            let joined = carry
            carry.removeAll(keepingCapacity: true)
            try joined.withUnsafeBufferPointer { buffer throws(ExtractError) in try record(buffer, handle) }
            start = index + 1
        }
        var scratch = fields
        fields = []
        defer { fields = scratch }
        try scratch.withUnsafeMutableBufferPointer { slots throws(ExtractError) in
            var fieldCount = 0
            var fieldStart = start
            var index = start
            while index < count {
                var found = -1
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let special =
                        Self.zeroBytes(word ^ Self.commas) | Self.zeroBytes(word ^ Self.quotes)
                        | Self.zeroBytes(word ^ Self.newlines)
                    if special != 0 {
                        found = index + special.trailingZeroBitCount >> 3
                        break
                    }
                    index += 8
                }
                if found < 0 {
                    while index < count && base[index] != 0x2C && base[index] != 0x22 && base[index] != 0x0A {
                        index += 1
                    }
                    guard index < count else { break }
                    found = index
                }
                switch base[found] {
                case 0x2C:
                    if fieldCount < slots.count {
                        slots[fieldCount] = UnsafeBufferPointer(start: base + fieldStart, count: found - fieldStart)
                    }
                    fieldCount += 1
                    fieldStart = found + 1
                    index = found + 1
                case 0x0A:
                    var end = found
                    if end > fieldStart && base[end - 1] == 0x0D { end -= 1 }
                    if fieldCount < slots.count {
                        slots[fieldCount] = UnsafeBufferPointer(
                            start: base + fieldStart, count: max(0, end - fieldStart))
                    }
                    fieldCount += 1
                    if end == start && fieldCount == 1 {
                        line += 1  // a blank line carries no row
                    } else {
                        let thisLine = line
                        line += 1
                        try Self.parse(
                            fields: UnsafeBufferPointer(rebasing: slots[..<min(fieldCount, slots.count)]),
                            count: fieldCount, line: thisLine, handle)
                        rows += 1
                    }
                    fieldCount = 0
                    start = found + 1
                    fieldStart = start
                    index = start
                default:
                    // A quote: this record goes byte by byte from its start.
                    var scan = found
                    var quotes = false
                    while scan < count {
                        let byte = base[scan]
                        if byte == 0x22 {
                            quotes.toggle()
                        } else if byte == 0x0A && !quotes {
                            break
                        }
                        scan += 1
                    }
                    guard scan < count else {
                        inQuotes = quotes
                        index = count
                        break
                    }
                    try record(UnsafeBufferPointer(start: base + start, count: scan - start), handle)
                    fieldCount = 0
                    start = scan + 1
                    fieldStart = start
                    index = start
                }
            }
        }
        if start < count { carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start)) }
    }

    static let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
    static let quotes: UInt64 = 0x2222_2222_2222_2222
    static let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A

    /// The high bit of each byte of `word` that is zero (and maybe of bytes above a zero one, never below), so the
    /// lowest set bit marks the first zero byte.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Ends the input: a last record without a newline is read; an unclosed quote or a missing header is an error.
    public mutating func finish(_ handle: (borrowing ExtractRow) throws(ExtractError) -> Void) throws(ExtractError) {
        if inQuotes { throw ExtractError(line: line, field: "substance", message: "et sitat (\") er ikke avsluttet") }
        if !carry.isEmpty {
            let last = carry
            carry.removeAll()
            try last.withUnsafeBufferPointer { buffer throws(ExtractError) in try record(buffer, handle) }
        }
        if !sawHeader {
            throw ExtractError(line: 1, field: "header", message: "filen er tom; første linje skal være \(Self.header)")
        }
    }

    private mutating func record(
        _ raw: UnsafeBufferPointer<UInt8>, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void
    ) throws(ExtractError) {
        let thisLine = line
        line += 1
        var bytes = raw
        if let last = bytes.last, last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        if !sawHeader {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
            guard text == Self.header else {
                throw ExtractError(line: thisLine, field: "header", message: "første linje skal være \(Self.header)")
            }
            sawHeader = true
            return
        }
        if bytes.isEmpty { return }  // a blank line (e.g. at the end) carries no row
        if bytes.contains(0x22) {
            // Only a quoted field can hold a line break; count them so line numbers stay physical.
            line += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            unquoted.removeAll(keepingCapacity: true)
            var ranges: [Range<Int>] = []
            try Self.unquote(bytes, into: &unquoted, ranges: &ranges, line: thisLine)
            let copy = unquoted
            try copy.withUnsafeBufferPointer { buffer throws(ExtractError) in
                let split = ranges.map { UnsafeBufferPointer(rebasing: buffer[$0]) }
                try split.withUnsafeBufferPointer { fields throws(ExtractError) in
                    try Self.parse(fields: fields, count: fields.count, line: thisLine, handle)
                }
            }
        } else {
            var split: [UnsafeBufferPointer<UInt8>] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x2C {
                split.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
            }
            split.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            try split.withUnsafeBufferPointer { fields throws(ExtractError) in
                try Self.parse(fields: fields, count: fields.count, line: thisLine, handle)
            }
        }
        rows += 1
    }

    /// Splits a record with quotes into unquoted fields stored one after another in `output`.
    static func unquote(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], ranges: inout [Range<Int>], line: Int
    ) throws(ExtractError) {
        var index = 0
        var fieldStart = 0
        var quoted = false
        var fieldWasQuoted = false
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                        output.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    output.append(byte)
                }
            } else if byte == 0x22 {
                guard output.count == fieldStart, !fieldWasQuoted else {
                    throw ExtractError(
                        line: line, field: fieldName(ranges.count), message: "sitattegn midt i et felt uten sitat")
                }
                quoted = true
                fieldWasQuoted = true
            } else if byte == 0x2C {
                ranges.append(fieldStart..<output.count)
                fieldStart = output.count
                fieldWasQuoted = false
            } else {
                if fieldWasQuoted {
                    throw ExtractError(
                        line: line, field: fieldName(ranges.count), message: "tegn etter avsluttende sitat")
                }
                output.append(byte)
            }
            index += 1
        }
        ranges.append(fieldStart..<output.count)
    }

    static func fieldName(_ index: Int) -> String { index < fieldNames.count ? fieldNames[index] : "felt \(index + 1)" }

    /// Checks a record's fields (`count` of them; the first ones in `fields`) and hands the row over.
    static func parse(
        fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, count: Int, line: Int,
        _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void
    ) throws(ExtractError) {
        func fail(_ index: Int, _ message: String) -> ExtractError {
            ExtractError(line: line, field: fieldNames[index], message: message)
        }
        guard count == 10, fields.count == 10 else {
            throw ExtractError(line: line, field: "row", message: "raden har \(count) felt, skal ha 10")
        }
        guard fields[0].count == 4, let year = Self.integer(fields[0]) else { throw fail(0, "skal være fire sifre") }
        guard let atc = ATCKey(fields[1]) else {
            throw fail(1, "skal være en ATC-kode (1–7 tegn, 8 for ATCvet; A–Z og 0–9)")
        }
        var product: Int32?
        if !fields[3].isEmpty {
            guard fields[3].count == 6, let number = Self.integer(fields[3]) else {
                throw fail(3, "skal være seks sifre eller tomt")
            }
            product = Int32(number)
        }
        let species: ExtractRow.Species
        if Self.equals(fields[4], "human") {
            species = .human
        } else if Self.equals(fields[4], "animal") {
            species = .animal
        } else {
            throw fail(4, "skal være human eller animal")
        }
        guard !fields[5].isEmpty else { throw fail(5, "kan ikke være tomt") }
        guard let packages = Self.milli(fields[6]), packages > 0 else {
            throw fail(6, "skal være et positivt desimaltall")
        }
        var ddd: Int64?
        if !fields[7].isEmpty {
            guard let value = Self.milli(fields[7]) else { throw fail(7, "skal være et desimaltall ≥ 0 eller tomt") }
            ddd = value
        }
        let unregistered: Bool
        if Self.equals(fields[8], "1") {
            unregistered = true
        } else if Self.equals(fields[8], "0") {
            unregistered = false
        } else {
            throw fail(8, "skal være 1 eller 0")
        }
        let marker: ExtractRow.Marker
        if fields[9].isEmpty {
            marker = .none
        } else if Self.equals(fields[9], "shortage") {
            marker = .shortage
        } else if Self.equals(fields[9], "deregistered") {
            marker = .deregistered
        } else {
            throw fail(9, "skal være tomt, shortage eller deregistered")
        }
        let row = ExtractRow(
            year: year, atc: atc, substance: fields[2], productNumber: product, species: species,
            patientID: fields[5], packagesMilli: packages, dddMilli: ddd, unregistered: unregistered, marker: marker)
        try handle(row)
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A non-negative decimal with up to three decimals, in thousandths.
    static func milli(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var decimals = -1
        for byte in bytes {
            if byte == 0x2E {
                guard decimals < 0 else { return nil }
                decimals = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                if decimals < 0 {
                    whole = whole * 10 + Int64(byte - 0x30)
                    if whole > 1_000_000_000_000 { return nil }
                } else {
                    decimals += 1
                    guard decimals <= 3 else { return nil }
                    fraction = fraction * 10 + Int64(byte - 0x30)
                }
            } else {
                return nil
            }
        }
        if decimals == 0 { return nil }  // "3." is not a number
        for _ in 0..<(3 - max(decimals, 0)) { fraction *= 10 }
        return whole * 1000 + fraction
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        let other = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return bytes.elementsEqual(other)
    }
}
