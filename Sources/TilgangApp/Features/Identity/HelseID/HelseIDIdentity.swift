/// Who signed in, from a validated ID token. The identity number is kept only to be matched, never logged or
/// stored in the session.
struct HelseIDIdentity: Sendable, Equatable {
    let hprNumber: String
    let identityNumber: String
    let name: String
    let securityLevel: String
}
