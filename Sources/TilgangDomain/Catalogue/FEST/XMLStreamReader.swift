/// A streaming, namespace-aware XML reader for large machine-written files such as FEST: feed it chunks of bytes
/// and it hands over each start tag, end tag and text as soon as it is whole, keeping only the unfinished token
/// in memory. It checks well-formedness (matching tags, one root, closed at the end, known entities, quoted
/// attributes, declared prefixes) and names the line of the first fault. No DTDs: FEST has none.
public struct XMLStreamReader {
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    /// Open elements with the namespace declarations they brought.
    private var open: [(name: XMLName, qualified: String, declared: [String: String]?)] = []
    /// The namespace declarations in force, as one entry per element that declared any (not a merged copy per
    /// level: copying grew memory with declarations × depth, 139 KB of declarations took 1.1 GB).
    private var scopes: [[String: String]] = [["xml": "http://www.w3.org/XML/1998/namespace", "": ""]]

    /// Limits that keep memory linear in the largest record: FEST nests about ten deep and its tags are short.
    public static let maximumDepth = 256
    public static let maximumTagBytes = 1 << 20
    private var sawRoot = false

    public init() {}

    /// Reads what `chunk` completes and passes every event to `handle`; a handler error stops the reading.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ handle: (XMLEvent) throws -> Void) throws {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        try scan(handle, atEnd: false)
    }

    /// The end of the input: anything still open or unfinished is an error (a truncated file).
    public mutating func finish(_ handle: (XMLEvent) throws -> Void) throws {
        try scan(handle, atEnd: true)
        if let last = open.last {
            throw XMLReadError(line: line, element: last.qualified, message: "filen slutter før </\(last.qualified)>")
        }
        guard sawRoot else { throw XMLReadError(line: line, element: nil, message: "filen har ikke noe rotelement") }
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&")
    private static let slash = UInt8(ascii: "/"), bang = UInt8(ascii: "!"), question = UInt8(ascii: "?")
    private static let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), equals = UInt8(ascii: "=")
    private static let newline = UInt8(ascii: "\n"), colon = UInt8(ascii: ":")

    private mutating func scan(_ handle: (XMLEvent) throws -> Void, atEnd: Bool) throws {
        while position < buffer.count {
            if buffer[position] != Self.lt {
                // Text runs to the next '<'; at the very end of a chunk wait for more, unless the input ended.
                guard let next = index(of: Self.lt, from: position) else {
                    if !atEnd { return }
                    try text(position..<buffer.count, handle)
                    position = buffer.count
                    return
                }
                try text(position..<next, handle)
                position = next
                continue
            }
            guard position + 1 < buffer.count else {
                if atEnd { throw error("filen slutter midt i en tagg") }
                return
            }
            let kind = buffer[position + 1]
            if kind == Self.bang || kind == Self.question {
                guard try special(atEnd: atEnd) else { return }
                continue
            }
            guard let close = tagEnd(from: position + 1) else {
                if atEnd { throw error("taggen lukkes aldri") }
                // A tag that keeps growing would be scanned again with every chunk and held whole: refuse it.
                if buffer.count - position > Self.maximumTagBytes {
                    throw error("en tagg er større enn \(Self.maximumTagBytes / 1024) KiB")
                }
                return
            }
            let startLine = line
            countLines(position..<close)
            if kind == Self.slash {
                try endTag(position + 2..<close, line: startLine, handle)
            } else {
                try startTag(position + 1..<close, line: startLine, handle)
            }
            position = close + 1
        }
    }

    // MARK: - Tokens

    private mutating func text(_ range: Range<Int>, _ handle: (XMLEvent) throws -> Void) throws {
        guard !range.isEmpty else { return }
        let isBlank = buffer[range].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        countLines(range)
        if isBlank { return }
        guard !open.isEmpty else { throw error("tekst utenfor rotelementet") }
        try handle(.text(try decode(range)))
    }

    /// `<!-- -->`, `<![CDATA[ ]]>`, `<? ?>` and `<!DOCTYPE>`; false when it is not whole yet.
    private mutating func special(atEnd: Bool) throws -> Bool {
        func ends(with terminator: [UInt8], from start: Int) -> Int? {
            var i = start
            while i + terminator.count <= buffer.count {
                if buffer[i] == terminator[0] && Array(buffer[i..<i + terminator.count]) == terminator { return i }
                i += 1
            }
            return nil
        }
        let rest = buffer[position...]
        let (open, close): ([UInt8], [UInt8]) =
            rest.starts(with: Array("<!--".utf8))
            ? (Array("<!--".utf8), Array("-->".utf8))
            : rest.starts(with: Array("<![CDATA[".utf8))
                ? (Array("<![CDATA[".utf8), Array("]]>".utf8))
                : rest.starts(with: Array("<?".utf8)) ? (Array("<?".utf8), Array("?>".utf8)) : ([], [])
        if open.isEmpty {
            // <!DOCTYPE …> without an internal subset.
            guard buffer.count - position >= 9 || atEnd else { return false }
            guard rest.starts(with: Array("<!DOCTYPE".utf8)) else { throw error("ukjent konstruksjon etter <!") }
            guard let end = index(of: Self.gt, from: position) else {
                if atEnd { throw error("<!DOCTYPE lukkes aldri") }
                return false
            }
            if buffer[position..<end].contains(UInt8(ascii: "[")) { throw error("DTD-er støttes ikke") }
            countLines(position..<end)
            position = end + 1
            return true
        }
        guard let end = ends(with: close, from: position + open.count) else {
            if atEnd { throw error("\(String(decoding: open, as: UTF8.self)) lukkes aldri") }
            return false
        }
        if open == Array("<![CDATA[".utf8) {
            guard !self.open.isEmpty else { throw error("CDATA utenfor rotelementet") }
            let content = String(decoding: buffer[(position + open.count)..<end], as: UTF8.self)
            countLines(position..<end)
            position = end + close.count
            pendingCDATA = content
            return true
        }
        countLines(position..<end)
        position = end + close.count
        return true
    }

    private var pendingCDATA: String?

    /// The index of the tag's '>', skipping quoted attribute values (which may hold '>').
    private func tagEnd(from start: Int) -> Int? {
        var quoteChar: UInt8 = 0
        var i = start
        while i < buffer.count {
            let c = buffer[i]
            if quoteChar != 0 {
                if c == quoteChar { quoteChar = 0 }
            } else if c == Self.quote || c == Self.apostrophe {
                quoteChar = c
            } else if c == Self.gt {
                return i
            }
            i += 1
        }
        return nil
    }

    private mutating func startTag(_ range: Range<Int>, line: Int, _ handle: (XMLEvent) throws -> Void) throws {
        var end = range.upperBound
        let selfClosing = end > range.lowerBound && buffer[end - 1] == Self.slash
        if selfClosing { end -= 1 }
        var i = range.lowerBound
        let nameStart = i
        while i < end && !isSpace(buffer[i]) { i += 1 }
        let qualified = String(decoding: buffer[nameStart..<i], as: UTF8.self)
        guard isName(qualified) else {
            throw XMLReadError(line: line, element: nil, message: "ugyldig elementnavn «\(qualified)»")
        }
        if open.isEmpty && sawRoot {
            throw XMLReadError(line: line, element: qualified, message: "mer enn ett rotelement")
        }
        var raw: [(String, String)] = []
        while true {
            while i < end && isSpace(buffer[i]) { i += 1 }
            if i >= end { break }
            let attributeStart = i
            while i < end && buffer[i] != Self.equals && !isSpace(buffer[i]) { i += 1 }
            let attribute = String(decoding: buffer[attributeStart..<i], as: UTF8.self)
            while i < end && isSpace(buffer[i]) { i += 1 }
            guard i < end, buffer[i] == Self.equals else {
                throw XMLReadError(line: line, element: qualified, message: "attributtet «\(attribute)» mangler verdi")
            }
            i += 1
            while i < end && isSpace(buffer[i]) { i += 1 }
            guard i < end, buffer[i] == Self.quote || buffer[i] == Self.apostrophe else {
                throw XMLReadError(
                    line: line, element: qualified, message: "verdien til «\(attribute)» står ikke i anførselstegn")
            }
            let quoteChar = buffer[i]
            let valueStart = i + 1
            guard let valueEnd = index(of: quoteChar, from: valueStart), valueEnd < end else {
                throw XMLReadError(line: line, element: qualified, message: "verdien til «\(attribute)» lukkes aldri")
            }
            let value = try decode(valueStart..<valueEnd, element: qualified, line: line)
            if raw.contains(where: { $0.0 == attribute }) {
                throw XMLReadError(line: line, element: qualified, message: "attributtet «\(attribute)» står to ganger")
            }
            raw.append((attribute, value))
            i = valueEnd + 1
        }
        var declared: [String: String]? = nil
        var attributes: [String: String] = [:]
        for (key, value) in raw {
            if key == "xmlns" {
                declared = declared ?? [:]
                declared?[""] = value
            } else if key.hasPrefix("xmlns:") {
                declared = declared ?? [:]
                declared?[String(key.dropFirst(6))] = value
            } else {
                // Unprefixed attributes have no namespace; FEST's V, DN and S are all unprefixed.
                attributes[key.split(separator: ":").last.map(String.init) ?? key] = value
            }
        }
        guard open.count < Self.maximumDepth else {
            throw XMLReadError(
                line: line, element: qualified, message: "elementene er nøstet dypere enn \(Self.maximumDepth) nivåer")
        }
        if let declared { scopes.append(declared) }
        let name = try resolve(qualified, line: line)
        sawRoot = true
        open.append((name, qualified, declared))
        try flushCDATA(handle)
        try handle(.start(name, attributes: attributes, line: line))
        if selfClosing {
            try close(qualified, line: line, handle)
        }
    }

    private mutating func endTag(_ range: Range<Int>, line: Int, _ handle: (XMLEvent) throws -> Void) throws {
        var end = range.upperBound
        while end > range.lowerBound && isSpace(buffer[end - 1]) { end -= 1 }
        let qualified = String(decoding: buffer[range.lowerBound..<end], as: UTF8.self)
        try flushCDATA(handle)
        try close(qualified, line: line, handle)
    }

    private mutating func close(_ qualified: String, line: Int, _ handle: (XMLEvent) throws -> Void) throws {
        guard let top = open.last else {
            throw XMLReadError(line: line, element: qualified, message: "</\(qualified)> uten åpnende tagg")
        }
        guard top.qualified == qualified else {
            throw XMLReadError(
                line: line, element: top.qualified, message: "forventet </\(top.qualified)>, fant </\(qualified)>")
        }
        open.removeLast()
        if top.declared != nil { scopes.removeLast() }
        try handle(.end(top.name, line: line))
    }

    private mutating func flushCDATA(_ handle: (XMLEvent) throws -> Void) throws {
        if let content = pendingCDATA {
            pendingCDATA = nil
            try handle(.text(content))
        }
    }

    private func resolve(_ qualified: String, line: Int) throws -> XMLName {
        let parts = qualified.split(separator: ":", maxSplits: 1)
        let (prefix, local) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : ("", qualified)
        guard let namespace = scopes.reversed().lazy.compactMap({ $0[prefix] }).first else {
            throw XMLReadError(line: line, element: qualified, message: "prefikset «\(prefix)» er ikke deklarert")
        }
        return XMLName(namespace: namespace, local: local)
    }

    // MARK: - Bytes

    private func index(of byte: UInt8, from start: Int) -> Int? {
        var i = start
        while i < buffer.count {
            if buffer[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private mutating func countLines(_ range: Range<Int>) {
        for i in range where buffer[i] == Self.newline { line += 1 }
    }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    private func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty else { return false }
        return (first.properties.isAlphabetic || first == "_") && !name.contains("<") && !name.contains("&")
    }

    private func error(_ message: String) -> XMLReadError {
        XMLReadError(line: line, element: open.last?.qualified, message: message)
    }

    /// UTF-8 text with the five predefined entities and character references decoded.
    private func decode(_ range: Range<Int>, element: String? = nil, line: Int? = nil) throws -> String {
        guard buffer[range].contains(Self.amp) else { return String(decoding: buffer[range], as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let c = buffer[i]
            guard c == Self.amp else {
                bytes.append(c)
                i += 1
                continue
            }
            guard let semicolon = index(of: UInt8(ascii: ";"), from: i), semicolon < range.upperBound,
                semicolon - i <= 12
            else {
                throw XMLReadError(
                    line: line ?? self.line, element: element ?? open.last?.qualified, message: "& uten avsluttende ;")
            }
            let entity = String(decoding: buffer[(i + 1)..<semicolon], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch entity {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = nil
                }
            }
            guard let scalar else {
                throw XMLReadError(
                    line: line ?? self.line, element: element ?? open.last?.qualified,
                    message: "ukjent entitet «&\(entity);»")
            }
            bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            i = semicolon + 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
