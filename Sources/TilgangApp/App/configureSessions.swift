import Fluent
import Vapor

/// Cookie sessions stored in the database by the digest of their id (`WebSessionStore`), so a restart or a second
/// instance keeps people signed in and a backup holds no usable session.
func configureSessions(_ app: Application) {
    app.sessions.use { _ in HashedSessionDriver() }
    app.sessions.configuration.cookieName = "tilgang-session"
    // Secure (HTTPS only) everywhere but development and tests, which run on plain http://127.0.0.1;
    // TILGANG_SECURE_COOKIES=1 or 0 overrides.
    let secure =
        Environment.get("TILGANG_SECURE_COOKIES").map { $0 == "1" }
        ?? ![.development, .testing].contains(app.environment)
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(
            string: sessionID.string, maxAge: Int(WebSessionStore.absoluteLimit), path: "/", isSecure: secure,
            isHTTPOnly: true,
            sameSite: .lax)
    }
}
