@testable import TilgangDomain

/// One event of the parser, as the tests compare them.
enum XMLEvent: Equatable {
    case start(XMLName, attributes: [String: String], line: Int)
    case end(XMLName, line: Int)
    case text(String)
}

/// Collects the parser's events, text pieces joined, for the tests.
final class XMLEventCollector: XMLContentHandler {
    private(set) var events: [XMLEvent] = []
    private var text: [UInt8] = []

    func startElement(_ tag: borrowing XMLStartTag, line: Int) throws {
        flush()
        events.append(.start(tag.name, attributes: tag.allAttributes, line: line))
    }

    func endElement(localName: UnsafePointer<UInt8>, namespaceURI: UnsafePointer<UInt8>?, line: Int) throws {
        flush()
        let name = XMLName(namespace: namespaceURI.map { String(cString: $0) } ?? "", local: String(cString: localName))
        events.append(.end(name, line: line))
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws { text.append(contentsOf: bytes) }

    private func flush() {
        let isBlank = text.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if !isBlank { events.append(.text(String(decoding: text, as: UTF8.self))) }
        text.removeAll()
    }

    /// The events of `text` fed in chunks of `chunk` bytes.
    static func events(_ text: String, chunk: Int) throws -> [XMLEvent] {
        let collector = XMLEventCollector()
        let parser = LibXMLPushParser(handler: collector)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try parser.feed(bytes[start..<end])
            start = end
        }
        try parser.finish()
        return collector.events
    }
}
