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
    /// Reused for every record's field slices: no allocation per row.
    private var fields: [UnsafeBufferPointer<UInt8>] = []
    public private(set) var rows = 0

    public init() {}

    /// A reader for a part of an extract that starts after the header, at physical line `line` (a record boundary
    /// from `ExtractSplitter`), so that its faults name the file's lines.
    public init(continuingAtLine line: Int) {
        self.line = line
        sawHeader = true
    }

    /// Feeds the next chunk; complete records are checked and passed to `handle` in order.
    public mutating func feed(
        _ chunk: UnsafeRawBufferPointer, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void
    ) throws(ExtractError) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        var start = 0
        var index = 0
        var quotes = inQuotes
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                quotes.toggle()
            } else if byte == 0x0A && !quotes {
                if carry.isEmpty {
                    try record(UnsafeBufferPointer(rebasing: bytes[start..<index]), handle)
                } else {
                    carry.append(contentsOf: bytes[start..<index])
                    let joined = carry
                    carry.removeAll(keepingCapacity: true)
                    try joined.withUnsafeBufferPointer { buffer throws(ExtractError) in try record(buffer, handle) }
                }
                start = index + 1
            }
            index += 1
        }
        carry.append(contentsOf: bytes[start..<bytes.count])
        inQuotes = quotes
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
                try Self.parse(fields: ranges.map { UnsafeBufferPointer(rebasing: buffer[$0]) }, line: thisLine, handle)
            }
        } else {
            fields.removeAll(keepingCapacity: true)
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x2C {
                fields.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
            }
            fields.append(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            try Self.parse(fields: fields, line: thisLine, handle)
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

    static func parse(
        fields: [UnsafeBufferPointer<UInt8>], line: Int, _ handle: (borrowing ExtractRow) throws(ExtractError) -> Void
    ) throws(ExtractError) {
        func fail(_ index: Int, _ message: String) -> ExtractError {
            ExtractError(line: line, field: fieldNames[index], message: message)
        }
        guard fields.count == 10 else {
            throw ExtractError(line: line, field: "row", message: "raden har \(fields.count) felt, skal ha 10")
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
