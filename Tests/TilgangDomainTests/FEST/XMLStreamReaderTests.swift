import Testing

@testable import TilgangDomain

/// The streaming XML reader under FEST: the same events however the bytes are cut, namespaces, entities, and the
/// line of the first fault.
@Suite struct XMLStreamReaderTests {
    static let document = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- kommentar med <tegn> -->
        <a:Rot xmlns:a="urn:a" xmlns="urn:b">
          <Barn V="x &gt; 1" DN='sitat "her"'>Tekst &amp; mer &#248;&#x00E6;</Barn>
          <a:Tom/>
          <Data><![CDATA[<ikke en tagg>]]></Data>
        </a:Rot>
        """

    static func events(_ text: String, chunk: Int) throws -> [XMLEvent] {
        var reader = XMLStreamReader()
        var events: [XMLEvent] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try reader.feed(bytes[start..<end]) { events.append($0) }
            start = end
        }
        try reader.finish { events.append($0) }
        return events
    }

    @Test func theEventsAreTheSameWhateverTheChunkSize() throws {
        // given / when
        let whole = try Self.events(Self.document, chunk: 1 << 20)
        // then
        #expect(
            whole == [
                .start(XMLName(namespace: "urn:a", local: "Rot"), attributes: [:], line: 3),
                .start(
                    XMLName(namespace: "urn:b", local: "Barn"), attributes: ["V": "x > 1", "DN": "sitat \"her\""],
                    line: 4),
                .text("Tekst & mer øæ"), .end(XMLName(namespace: "urn:b", local: "Barn"), line: 4),
                .start(XMLName(namespace: "urn:a", local: "Tom"), attributes: [:], line: 5),
                .end(XMLName(namespace: "urn:a", local: "Tom"), line: 5),
                .start(XMLName(namespace: "urn:b", local: "Data"), attributes: [:], line: 6),
                .text("<ikke en tagg>"), .end(XMLName(namespace: "urn:b", local: "Data"), line: 6),
                .end(XMLName(namespace: "urn:a", local: "Rot"), line: 7),
            ])
        for chunk in [1, 2, 3, 7, 64] {
            #expect(try Self.events(Self.document, chunk: chunk) == whole, "chunks of \(chunk) bytes")
        }
    }

    @Test func faultsNameTheLineAndElement() {
        func fault(_ text: String) -> XMLReadError? {
            do {
                _ = try Self.events(text, chunk: 5)
                return nil
            } catch let error as XMLReadError {
                return error
            } catch {
                return nil
            }
        }
        #expect(fault("<a>\n<b>\n</a>") == XMLReadError(line: 3, element: "b", message: "forventet </b>, fant </a>"))
        #expect(fault("<a>\n<b>tekst") == XMLReadError(line: 2, element: "b", message: "filen slutter før </b>"))
        #expect(fault("<a>\n<p:b/></a>")?.message == "prefikset «p» er ikke deklarert")
        #expect(fault("<a>&nbsp;</a>")?.message == "ukjent entitet «&nbsp;»")
        #expect(fault("<a x=1/>")?.message == "verdien til «x» står ikke i anførselstegn")
        #expect(fault("<a/><b/>")?.message == "mer enn ett rotelement")
        #expect(
            fault("<a>\n<b x=\"1\" x=\"2\"/></a>")
                == XMLReadError(line: 2, element: "b", message: "attributtet «x» står to ganger"))
        #expect(fault("")?.message == "filen har ikke noe rotelement")
    }
}
