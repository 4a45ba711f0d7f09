import Foundation
import Logging
import Vapor

/// Keeps patient data and credentials out of the log, at every level.
///
/// - The database layers log every query with its values (FluentKit at `debug`, the drivers at `debug`/`trace`),
///   whatever the SQL log level; those values include identity numbers. Their records below `warning` are dropped.
/// - At `trace`, Vapor's `HTTPServerRequestDecoder` logs every part of every request as it arrives
///   (`Decoded HTTP part: head(HTTPRequestHead { … headers: Authorization: Bearer …; Cookie: … })`, then each
///   body chunk as a hex dump): passwords, tokens, session cookies and identity numbers. Records that carry a
///   request or response head or a byte-buffer dump are dropped, whatever their source and level.
/// - Whatever is left has the values of `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie`, and
///   any bearer token, replaced by `<redacted>`, in the message and in the metadata.
public struct PatientSafeLogHandler: LogHandler {
    /// The modules (log sources) that print query values.
    static let databaseSources: Set<String> = [
        "FluentKit", "SQLKit", "SQLiteNIO", "PostgresNIO", "FluentSQLiteDriver", "FluentPostgresDriver",
        "SQLiteKit", "PostgresKit", "AsyncKit",
    ]

    /// Text that only a record carrying a request's or response's head or body holds: Vapor's trace line for each
    /// decoded part, and the `description` of NIO's heads.
    static let requestPartMarkers = ["Decoded HTTP part", "HTTPRequestHead {", "HTTPResponseHead {"]

    /// What replaces a credential.
    static let redacted = "<redacted>"

    var wrapped: any LogHandler

    public init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public static func drops(level: Logger.Level, source: String) -> Bool {
        level < .warning && databaseSources.contains(source)
    }

    /// Whether a record is dropped whole: the database layers below `warning`, and anything that carries a request
    /// or response head or a byte buffer (a body), at any level.
    public static func drops(level: Logger.Level, source: String, message: String) -> Bool {
        if drops(level: level, source: source) { return true }
        if requestPartMarkers.contains(where: { message.contains($0) }) { return true }
        return holdsByteBufferDump(message)
    }

    public func log(event: LogEvent) {
        let message = event.message.description
        guard !Self.drops(level: event.level, source: event.source, message: message) else { return }
        // AsyncHTTPClient's trace puts each body part in the metadata (`ahc-http-part`): a token response holds
        // the ID token, and with it the person's identity number.
        if let metadata = event.metadata, metadata.values.contains(where: { Self.holdsByteBufferDump("\($0)") }) {
            return
        }
        var event = event
        let safe = Self.redactingCredentials(message)
        if safe != message { event.message = Logger.Message(stringLiteral: safe) }
        event.metadata = event.metadata.map(Self.redactingCredentials)
        wrapped.log(event: event)
    }

    /// Vapor's console logger at the level from `--log`/`LOG_LEVEL`, behind this filter.
    public static func bootstrap(from environment: inout Environment) throws {
        try LoggingSystem.bootstrap(from: &environment) { level in
            let console = Terminal()
            return { label in
                PatientSafeLogHandler(wrapping: ConsoleLogger(label: label, console: console, level: level))
            }
        }
    }
}

extension PatientSafeLogHandler {
    /// A header name that carries a credential, not preceded by a letter, digit or dash (so `X-Cookie-Policy` or
    /// `cookieName` is not one).
    private static let credentialHeader = #"(?<![A-Za-z0-9_-])(proxy-authorization|authorization|set-cookie|cookie)"#

    /// `"Authorization": "…"`, `("Cookie", "…")`, `Cookie: "…"`: the quoted value.
    private static let quotedHeaderValue = try! NSRegularExpression(
        pattern: credentialHeader + #"(["']?\s*[:=,]\s*)"(?:[^"\\]|\\.)*""#, options: [.caseInsensitive])

    /// `Authorization: Bearer …; Cookie: a=1; b=2; Host: …` (NIO's header list) or one header a line (Vapor's):
    /// the value runs to the next header (`; Name: `) or the end of the line; a cookie's own `; ` does not end it.
    private static let plainHeaderValue = try! NSRegularExpression(
        pattern: credentialHeader
            + #"(\s*[:=]\s*)(?!"|<redacted>)[^\r\n]+?(?=; [!#$%&'*+.^_`|~0-9A-Za-z-]+: |[\r\n]|$)"#,
        options: [.caseInsensitive, .anchorsMatchLines])

    /// A bearer token, wherever it appears.
    private static let bearerToken = try! NSRegularExpression(
        pattern: #"\b(bearer)\s+(?!<redacted>)[A-Za-z0-9._~+/=-]+"#, options: [.caseInsensitive])

    /// NIO's `ByteBuffer` description, `[68656c6c6f](5 bytes)` (the first and last 32 bytes of a longer one, with
    /// `...` between): a body, or any other raw bytes from the wire.
    private static let byteBufferDump = try! NSRegularExpression(
        pattern: #"\[[0-9a-f]*(?:\.\.\.[0-9a-f]*)?\]\([0-9]+ bytes\)"#)

    static func holdsByteBufferDump(_ message: String) -> Bool {
        guard message.contains(" bytes)") else { return false }
        return byteBufferDump.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil
    }

    /// `text` with every credential header's value and every bearer token replaced by `<redacted>`.
    public static func redactingCredentials(_ text: String) -> String {
        let lowered = text.lowercased()
        guard lowered.contains("authorization") || lowered.contains("cookie") || lowered.contains("bearer") else {
            return text
        }
        var result = text
        for (expression, template) in [
            (quotedHeaderValue, "$1$2\"\(redacted)\""), (plainHeaderValue, "$1$2\(redacted)"),
            (bearerToken, "$1 \(redacted)"),
        ] {
            result = expression.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }

    /// Metadata with the same done to every value; a value under a credential header's name is replaced whole.
    static func redactingCredentials(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result = metadata
        for (key, value) in metadata {
            let isCredential = ["authorization", "proxy-authorization", "cookie", "set-cookie"].contains(
                key.lowercased())
            result[key] = isCredential ? .string(redacted) : redactingCredentials(value)
        }
        return result
    }

    static func redactingCredentials(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(redactingCredentials(text))
        case .stringConvertible(let convertible): .string(redactingCredentials(convertible.description))
        case .array(let values): .array(values.map(redactingCredentials))
        case .dictionary(let values): .dictionary(redactingCredentials(values))
        }
    }
}
