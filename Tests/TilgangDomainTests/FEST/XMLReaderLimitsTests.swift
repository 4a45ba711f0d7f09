import Testing

@testable import TilgangDomain

/// Security review finding 12: memory stays linear in the largest record whatever a hostile file holds.
@Suite struct XMLReaderLimitsTests {
    @Test func nestingDeeperThanTheLimitIsRefused() {
        // given
        let depth = LibXMLPushParser.maximumDepth + 1
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        // then
        #expect(LibXMLPushParserTests.fault(text)?.message == "elementene er nøstet dypere enn 256 nivåer")
        let allowed = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect((try? XMLEventCollector.events(allowed, chunk: 4096))?.count == 400)
    }

    @Test func aTagThatNeverClosesIsRefused() {
        // given: one attribute of 2 MiB that never closes, fed in 64 KiB chunks
        let text = "<Rot V=\"" + String(repeating: "x", count: 2 << 20)
        // then
        #expect(throws: XMLReadError.self) { _ = try XMLEventCollector.events(text, chunk: 1 << 16) }
    }

    @Test func anEntityBombIsRefused() {
        let bomb = """
            <!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><a>&b;</a>
            """
        #expect(LibXMLPushParserTests.fault(bomb)?.message == "DTD-er støttes ikke")
    }

    @Test func declarationsAtEveryLevelResolveInnermostFirstAndEndWithTheirElement() throws {
        // given: many prefixes declared at each of 40 levels, the innermost redefining one of them
        let prefixes = (0..<500).map { "xmlns:p\($0)=\"urn:level\($0)\"" }.joined(separator: " ")
        var text = ""
        for level in 0..<40 { text += "<e\(level) \(prefixes)>" }
        text += "<p7:Inner xmlns:p7=\"urn:inner\"/><p7:Outer/>"
        for level in (0..<40).reversed() { text += "</e\(level)>" }
        // when
        let events = try XMLEventCollector.events(text, chunk: 8192)
        // then
        let names = events.compactMap { event -> XMLName? in
            if case .start(let name, _, _) = event, name.local == "Inner" || name.local == "Outer" { return name }
            return nil
        }
        #expect(
            names == [
                XMLName(namespace: "urn:inner", local: "Inner"), XMLName(namespace: "urn:level7", local: "Outer"),
            ])
    }
}
