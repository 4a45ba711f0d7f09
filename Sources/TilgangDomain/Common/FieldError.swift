/// One invalid field of some input, named by its path (`patient.species`, `medicines[3].atc`).
public struct FieldError: Hashable, Sendable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Input that could not be accepted; carries every field error found, first one first.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        precondition(!errors.isEmpty, "A validation failure needs at least one field error")
        self.errors = errors
    }

    public init(field: String, message: String) {
        self.init([FieldError(field: field, message: message)])
    }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
