/// A start tag as libxml2 hands it over: views into the parser's memory, valid only during the callback, so that
/// elements nobody keeps cost no string.
public struct XMLStartTag: ~Copyable {
    /// Local name, namespace URI (nil when none) and prefix, NUL-terminated UTF-8.
    let localName: UnsafePointer<UInt8>
    let namespaceURI: UnsafePointer<UInt8>?
    let prefix: UnsafePointer<UInt8>?
    /// libxml2's attributes: five pointers each (local name, prefix, URI, value start, value end).
    let attributes: UnsafePointer<UnsafePointer<UInt8>?>?
    let attributeCount: Int

    public var local: String { String(cString: localName) }
    public var namespace: String { namespaceURI.map { String(cString: $0) } ?? "" }
    public var name: XMLName { XMLName(namespace: namespace, local: local) }
    /// The name as written, with its prefix, for messages.
    public var qualified: String { prefix.map { String(cString: $0) + ":" + local } ?? local }

    public func isLocal(_ text: StaticString) -> Bool { Self.equal(localName, text) }

    public func isIn(_ namespace: StaticString) -> Bool {
        guard let namespaceURI else { return namespace.utf8CodeUnitCount == 0 }
        return Self.equal(namespaceURI, namespace)
    }

    /// An unprefixed attribute's value (FEST's V, DN and S are all unprefixed), entities decoded.
    public func attribute(_ name: StaticString) -> String? {
        guard let attributes else { return nil }
        for index in 0..<attributeCount {
            let base = index * 5
            guard let local = attributes[base], attributes[base + 1] == nil, Self.equal(local, name),
                let start = attributes[base + 3], let end = attributes[base + 4]
            else { continue }
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return nil
    }

    /// Every attribute by its local name, for callers that want them all.
    public var allAttributes: [String: String] {
        var result: [String: String] = [:]
        guard let attributes else { return result }
        for index in 0..<attributeCount {
            let base = index * 5
            guard let local = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4]
            else { continue }
            result[String(cString: local)] = String(
                decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
        return result
    }

    static func equal(_ pointer: UnsafePointer<UInt8>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        let bytes = text.utf8Start
        for index in 0..<count where pointer[index] != bytes[index] { return false }
        return pointer[count] == 0
    }
}
