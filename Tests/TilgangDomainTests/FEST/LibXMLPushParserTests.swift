import Testing

@testable import TilgangDomain

/// libxml2 under FEST: the same events however the bytes are cut, namespaces, entities, and the line and element
/// of the first fault in Norwegian.
@Suite struct LibXMLPushParserTests {
    static let document = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- kommentar med <tegn> -->
        <a:Rot xmlns:a="urn:a" xmlns="urn:b">
          <Barn V="x &gt; 1" DN='sitat "her"'>Tekst &amp; mer &#248;&#x00E6;</Barn>
          <a:Tom/>
          <Data><![CDATA[<ikke en tagg>]]></Data>
        </a:Rot>
        """

    static let expected: [XMLEvent] = [
        .start(XMLName(namespace: "urn:a", local: "Rot"), attributes: [:], line: 3),
        .start(XMLName(namespace: "urn:b", local: "Barn"), attributes: ["V": "x > 1", "DN": "sitat \"her\""], line: 4),
        .text("Tekst & mer øæ"), .end(XMLName(namespace: "urn:b", local: "Barn"), line: 4),
        .start(XMLName(namespace: "urn:a", local: "Tom"), attributes: [:], line: 5),
        .end(XMLName(namespace: "urn:a", local: "Tom"), line: 5),
        .start(XMLName(namespace: "urn:b", local: "Data"), attributes: [:], line: 6),
        .text("<ikke en tagg>"), .end(XMLName(namespace: "urn:b", local: "Data"), line: 6),
        .end(XMLName(namespace: "urn:a", local: "Rot"), line: 7),
    ]

    @Test func theEventsAreTheSameWhateverTheChunkSize() throws {
        for chunk in [1, 2, 3, 7, 64, 1 << 20] {
            #expect(try XMLEventCollector.events(Self.document, chunk: chunk) == Self.expected, "chunks of \(chunk)")
        }
    }

    static func fault(_ text: String) -> XMLReadError? {
        do {
            _ = try XMLEventCollector.events(text, chunk: 5)
            return nil
        } catch let error as XMLReadError {
            return error
        } catch {
            return nil
        }
    }

    @Test func faultsNameTheLineAndElement() {
        #expect(
            Self.fault("<a>\n<b>\n</a>") == XMLReadError(line: 3, element: "b", message: "forventet </b>, fant </a>"))
        #expect(Self.fault("<a>\n<b>tekst")?.message == "filen slutter før </b>")
        #expect(Self.fault("<a>\n<p:b/></a>")?.message == "prefikset «p» er ikke deklarert")
        #expect(Self.fault("<a>\n<p:b/></a>")?.line == 2)
        #expect(Self.fault("<a>&nbsp;</a>")?.message == "ukjent entitet «&nbsp;»")
        #expect(Self.fault("<a x=1/>")?.message == "en attributtverdi står ikke i anførselstegn")
        #expect(Self.fault("<a/><b/>")?.message == "innhold etter rotelementet")
        #expect(Self.fault("<a>\n<b x=\"1\" x=\"2\"/></a>")?.message == "attributtet «x» står to ganger")
        #expect(Self.fault("<a>\n<b x=\"1\" x=\"2\"/></a>")?.line == 2)
        #expect(Self.fault("")?.message == "filen har ikke noe rotelement")
        #expect(Self.fault("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")?.message == "DTD-er støttes ikke")
    }

    /// A handler's error stops the parse at once and comes back as it was thrown.
    @Test func aHandlerErrorStopsTheParse() {
        final class Refuses: XMLContentHandler {
            var starts = 0
            func startElement(_ tag: borrowing XMLStartTag, line: Int) throws {
                starts += 1
                if tag.isLocal("stopp") { throw XMLReadError(line: line, element: "stopp", message: "nei") }
            }
            func endElement(localName: UnsafePointer<UInt8>, namespaceURI: UnsafePointer<UInt8>?, line: Int) {}
            func characters(_ text: UnsafeBufferPointer<UInt8>) {}
        }
        let handler = Refuses()
        let parser = LibXMLPushParser(handler: handler)
        #expect(throws: XMLReadError(line: 2, element: "stopp", message: "nei")) {
            try parser.feed(Array("<a>\n<stopp/><b/><c/></a>".utf8))
            try parser.finish()
        }
        #expect(handler.starts == 2)
    }
}
