import Fluent
import Vapor

/// Cookie sessions stored in the database, so a restart or a second instance keeps people signed in.
func configureSessions(_ app: Application) {
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "tilgang-session"
    let secure = Environment.get("TILGANG_SECURE_COOKIES") == "1"
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(
            string: sessionID.string, maxAge: 8 * 60 * 60, path: "/", isSecure: secure, isHTTPOnly: true,
            sameSite: .lax)
    }
    app.passwords.use(.bcrypt)
}
