import CLibXML2

/// libxml2's push parser with SAX2 callbacks: feed it chunks of bytes as they come (a file, a gunzip pipe, an
/// upload) and it hands start tags, end tags and text to a `XMLContentHandler`, keeping only the unfinished part
/// in memory. libxml2 checks well-formedness and namespaces, bounds depth (256) and text sizes, and is what
/// `xmllint` runs, so a file it refuses is refused here with the line and element of the first fault, in
/// Norwegian. No DTDs (FEST has none, and they are how entity bombs come in), nothing fetched from the network.
public final class LibXMLPushParser {
    public static let maximumDepth = 256

    private let handler: any XMLContentHandler
    private var context: xmlParserCtxtPtr?
    /// The first fault: an error from the handler or from libxml2. Reading stops there.
    private var failure: (any Error)?
    private var depth = 0
    private var sawRoot = false

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    public init(handler: any XMLContentHandler) {
        _ = Self.initialised
        self.handler = handler
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, localName, prefix, uri, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            let parser = Unmanaged<LibXMLPushParser>.fromOpaque(context).takeUnretainedValue()
            let tag = XMLStartTag(
                localName: localName, namespaceURI: uri, prefix: prefix,
                attributes: attributes.map { UnsafePointer($0) }, attributeCount: Int(attributeCount))
            parser.start(tag)
        }
        sax.endElementNs = { context, localName, _, uri in
            guard let context, let localName else { return }
            Unmanaged<LibXMLPushParser>.fromOpaque(context).takeUnretainedValue().end(localName, uri)
        }
        sax.characters = { context, bytes, count in
            guard let context, let bytes else { return }
            Unmanaged<LibXMLPushParser>.fromOpaque(context).takeUnretainedValue().text(bytes, Int(count))
        }
        sax.cdataBlock = sax.characters
        sax.internalSubset = { context, _, _, _ in
            guard let context else { return }
            let parser = Unmanaged<LibXMLPushParser>.fromOpaque(context).takeUnretainedValue()
            parser.stop(XMLReadError(line: parser.line, element: nil, message: "DTD-er støttes ikke"))
        }
        sax.serror = { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let parser = Unmanaged<LibXMLPushParser>.fromOpaque(context).takeUnretainedValue()
            if parser.failure == nil { parser.failure = parser.translate(error.pointee) }
        }
        context = xmlCreatePushParserCtxt(&sax, nil, nil, 0, nil)
        guard let context else { return }
        context.pointee.userData = Unmanaged.passUnretained(self).toOpaque()
        _ = xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
    }

    deinit { if let context { xmlFreeParserCtxt(context) } }

    /// Reads what `chunk` completes; the first fault (the handler's or libxml2's) is thrown.
    public func feed(_ chunk: some Collection<UInt8>) throws {
        let done: Void? = try chunk.withContiguousStorageIfAvailable { try parse($0, terminate: false) }
        if done == nil { try Array(chunk).withUnsafeBufferPointer { try parse($0, terminate: false) } }
    }

    /// The end of the input: anything still open is a truncated file.
    public func finish() throws {
        try parse(UnsafeBufferPointer(start: nil, count: 0), terminate: true)
        guard sawRoot else { throw XMLReadError(line: line, element: nil, message: "filen har ikke noe rotelement") }
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, terminate: Bool) throws {
        guard let context else { throw XMLReadError(line: 1, element: nil, message: "libxml2 kunne ikke starte") }
        if let failure { throw failure }
        let pointer = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        let code = xmlParseChunk(context, pointer, Int32(bytes.count), terminate ? 1 : 0)
        if let failure { throw failure }
        if code != 0 || context.pointee.wellFormed == 0 {
            throw XMLReadError(line: line, element: currentElement, message: "ugyldig XML (feil \(code))")
        }
    }

    // MARK: - Callbacks

    private var line: Int { Int(context?.pointee.input?.pointee.line ?? 1) }

    /// The innermost open element as written (libxml2 keeps the stack of names).
    private var currentElement: String? {
        guard let name = context?.pointee.name else { return nil }
        return String(cString: name)
    }

    private func stop(_ error: any Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    private func start(_ tag: consuming XMLStartTag) {
        guard failure == nil else { return }
        if depth == 0 && sawRoot {
            return stop(XMLReadError(line: line, element: tag.qualified, message: "mer enn ett rotelement"))
        }
        guard depth < Self.maximumDepth else {
            return stop(
                XMLReadError(
                    line: line, element: tag.qualified,
                    message: "elementene er nøstet dypere enn \(Self.maximumDepth) nivåer"))
        }
        depth += 1
        sawRoot = true
        do { try handler.startElement(tag, line: line) } catch { stop(error) }
    }

    private func end(_ localName: UnsafePointer<UInt8>, _ uri: UnsafePointer<UInt8>?) {
        guard failure == nil else { return }
        depth -= 1
        do { try handler.endElement(localName: localName, namespaceURI: uri, line: line) } catch { stop(error) }
    }

    private func text(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        guard failure == nil else { return }
        do { try handler.characters(UnsafeBufferPointer(start: bytes, count: count)) } catch { stop(error) }
    }

    /// libxml2's error in Norwegian, naming the line and the element.
    private func translate(_ error: xmlError) -> XMLReadError {
        func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
            pointer.map { String(cString: $0) } ?? ""
        }
        let line = error.line > 0 ? Int(error.line) : self.line
        let first = string(error.str1)
        let element = currentElement
        let message: String
        switch xmlParserErrors(UInt32(error.code)) {
        case XML_ERR_TAG_NAME_MISMATCH:
            return XMLReadError(
                line: line, element: first, message: "forventet </\(first)>, fant </\(string(error.str2))>")
        case XML_ERR_DOCUMENT_END, XML_ERR_TAG_NOT_FINISHED, XML_ERR_DOCUMENT_EMPTY:
            if let element, (context?.pointee.nameNr ?? 0) > 0 {
                return XMLReadError(line: line, element: element, message: "filen slutter før </\(element)>")
            }
            message = sawRoot ? "innhold etter rotelementet" : "filen har ikke noe rotelement"
        case XML_NS_ERR_UNDEFINED_NAMESPACE:
            message = "prefikset «\(first)» er ikke deklarert"
        case XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY:
            message = "ukjent entitet «&\(first);»"
        case XML_ERR_ATTRIBUTE_NOT_STARTED, XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
            message = "en attributtverdi står ikke i anførselstegn"
        case XML_ERR_ATTRIBUTE_REDEFINED:
            message = "attributtet «\(first)» står to ganger"
        default:
            let text = string(error.message).trimmingCharacters(in: .whitespacesAndNewlines)
            message =
                text.hasPrefix("Excessive depth")
                ? "elementene er nøstet dypere enn \(Self.maximumDepth) nivåer" : "ugyldig XML: \(text)"
        }
        return XMLReadError(line: line, element: element, message: message)
    }
}
