import NIOCore
import Vapor

/// How long the HTTP server lets a connection sit without a byte either way before it closes it.
///
/// Vapor's server (4.122) offers one timer, `idleTimeout`: NIO's `IdleStateHandler(allTimeout:)` on every
/// connection, which closes it when nothing has been read or written for that long. It is the only hook: the server's
/// channel pipeline is built inside Vapor and takes no handlers of ours, so a deadline for the whole request head,
/// separate from the keep-alive idle time, would mean replacing Vapor's server. 30 seconds bounds a connection that
/// stops half-way through its head (the slow-connection finding: 300 of them were held for ever), an idle keep-alive
/// connection, and a request whose handler works longer than that without answering (none does: imports of FEST run
/// in the background). A client that trickles a byte every few seconds is not bounded by it; the reverse proxy in
/// front (`client_header_timeout`, `client_body_timeout` and a connection limit per address in nginx) is what stops
/// that. docs/operations.md.
public enum ServerLimits {
    public static let idleTimeout: TimeAmount = .seconds(30)
}

/// The HTTP server's limits: an idle timeout (``ServerLimits``); no request decompression (no client of Tilgang
/// compresses what it sends, and a small body that inflates 25-fold, Vapor's default limit, only costs CPU); no
/// response compression (compressed pages that hold a secret, the CSRF token, beside text an attacker chooses can
/// leak it, as in BREACH); and the listen backlog written down. Address and port come from `serve --hostname/--port`.
func configureServer(_ app: Application, idleTimeout: TimeAmount = ServerLimits.idleTimeout) {
    app.http.server.configuration.idleTimeout = idleTimeout
    app.http.server.configuration.requestDecompression = .disabled
    app.http.server.configuration.responseCompression = .disabled
    app.http.server.configuration.backlog = 256
}
