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
