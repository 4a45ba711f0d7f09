/// One event of the streaming XML reader: names are local names with their resolved namespace URI.
public enum XMLEvent: Sendable, Equatable {
    case start(XMLName, attributes: [String: String], line: Int)
    case end(XMLName, line: Int)
    case text(String)
}

public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    public let namespace: String
    public let local: String

    public init(namespace: String, local: String) {
        self.namespace = namespace
        self.local = local
    }

    public var description: String { local }
}

/// A malformed file: what is wrong, in which element, on which line (1-based).
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let element: String?
    public let message: String

    public init(line: Int, element: String?, message: String) {
        self.line = line
        self.element = element
        self.message = message
    }

    public var description: String {
        "linje \(line)" + (element.map { ", element <\($0)>" } ?? "") + ": \(message)"
    }
}
