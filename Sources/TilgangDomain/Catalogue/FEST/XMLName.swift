/// An element name: its local name with the namespace URI its prefix resolved to.
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    public let namespace: String
    public let local: String

    public init(namespace: String, local: String) {
        self.namespace = namespace
        self.local = local
    }

    public var description: String { local }
}
