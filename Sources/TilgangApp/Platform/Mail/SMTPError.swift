/// Why a mail was not sent. `transient` ones are tried again later (RFC 5321: 4yz replies, no connection, a
/// timeout); `permanent` ones (5yz, a bad address) are not.
enum SMTPError: Error, CustomStringConvertible, Equatable {
    case transient(String)
    case permanent(String)

    var isPermanent: Bool {
        if case .permanent = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .transient(let text), .permanent(let text): text
        }
    }

    /// The error for an unexpected reply: by its first digit.
    static func reply(_ code: Int, _ text: String, during command: String) -> SMTPError {
        let message = "\(command): \(code) \(text)"
        return code >= 500 ? .permanent(message) : .transient(message)
    }
}
