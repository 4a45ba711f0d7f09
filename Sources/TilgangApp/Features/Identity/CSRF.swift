import Vapor

/// Cross-site request forgery protection for the pages' forms: a random token kept in the session and echoed
/// in a hidden `csrf` field of every form that changes something.
enum CSRF {
    static let sessionKey = "csrf"
    static let fieldName = "csrf"

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let existing = request.session.data[sessionKey] { return existing }
        let token = [UInt8].random(count: 32).base64URLEncoded
        request.session.data[sessionKey] = token
        return token
    }

    static func isValid(_ given: String?, for request: Request) -> Bool {
        guard let given, let expected = request.session.data[sessionKey] else { return false }
        // Compare digests so the time taken does not depend on how much of the token matched.
        return SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }
}
