import Vapor

/// A new session id and a new CSRF token whenever who is signed in changes.
///
/// Keeping the pre-sign-in session id let an attacker who planted or read it (a crafted sign-in link) use the
/// session once the victim had signed in (session fixation). The old session is deleted from the store, and
/// `SessionsMiddleware` gives the response a new id because the session no longer has one.
enum SessionRotation {
    static func rotate(_ request: Request) async throws {
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
        }
        request.session.id = nil
        request.session.data[CSRF.sessionKey] = nil
        _ = CSRF.token(for: request)
    }
}
