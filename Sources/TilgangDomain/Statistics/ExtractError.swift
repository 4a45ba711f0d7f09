/// A malformed extract row: the run stops here and nothing is kept (issue 5).
public struct ExtractError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number in the file, the header being line 1.
    public let line: Int
    public let field: String
    public let message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "linje \(line), felt \(field): \(message)" }
}
