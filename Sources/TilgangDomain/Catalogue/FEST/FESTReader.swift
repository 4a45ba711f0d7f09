/// Reads a FEST file, fed in chunks, into a `FESTRelease`: libxml2 parses (`LibXMLPushParser`), `FESTContent`
/// keeps the entries Tilgang maps, checking namespaces and required fields. Memory grows with the entries kept,
/// not with the file; the release is only handed over once the whole file has been read.
public struct FESTReader {
    public static let m30Namespace = "http://www.kith.no/xmlstds/eresept/m30/2014-12-01"
    public static let payloadNamespace = "http://www.kith.no/xmlstds/eresept/forskrivning/2014-12-01"

    private let content = FESTContent()
    private let parser: LibXMLPushParser
    /// Bytes fed so far, for progress.
    public private(set) var bytesRead = 0

    public init() {
        parser = LibXMLPushParser(handler: content)
    }

    public mutating func feed(_ chunk: some Collection<UInt8>) throws {
        bytesRead += chunk.count
        try parser.feed(chunk)
    }

    /// The whole release, once the file has ended properly.
    public mutating func finish() throws -> FESTRelease {
        try parser.finish()
        guard !content.release.retrievedAt.isEmpty else {
            throw XMLReadError(line: 1, element: "FEST", message: "mangler <HentetDato>")
        }
        return content.release
    }
}
