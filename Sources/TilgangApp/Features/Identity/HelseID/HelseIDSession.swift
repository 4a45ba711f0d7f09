import Vapor

/// What a HelseID sign-in keeps in the server-side session: the pending request's state, nonce and PKCE verifier
/// (each used once), and after a sign-in by someone unknown the HPR number and name awaiting first sign-in.
enum HelseIDSession {
    static let state = "helseid.state"
    static let nonce = "helseid.nonce"
    static let verifier = "helseid.verifier"
    static let next = "helseid.next"
    static let pendingHPR = "helseid.pending.hpr"
    static let pendingName = "helseid.pending.name"
    /// Set when the user signed in through HelseID, so sign-out also ends the provider's session.
    static let signedInWithHelseID = "helseid.signed-in"

    /// Takes the pending request out of the session, so a second callback with the same state finds nothing.
    static func takeRequest(_ session: Session) -> (state: String, nonce: String, verifier: String, next: String?)? {
        let request = (
            state: session.data[Self.state], nonce: session.data[Self.nonce], verifier: session.data[Self.verifier],
            next: session.data[Self.next]
        )
        for key in [Self.state, Self.nonce, Self.verifier, Self.next] { session.data[key] = nil }
        guard let state = request.state, let nonce = request.nonce, let verifier = request.verifier else { return nil }
        return (state, nonce, verifier, request.next)
    }
}
