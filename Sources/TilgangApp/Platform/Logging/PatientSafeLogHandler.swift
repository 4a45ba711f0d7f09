import Logging
import Vapor

/// Keeps patient data out of the log. The database layers log every query with its values (FluentKit at
/// `debug`, the drivers at `debug`/`trace`), whatever the SQL log level; those values include identity numbers.
/// This handler drops their records below `warning` and passes everything else to the wrapped handler.
public struct PatientSafeLogHandler: LogHandler {
    /// The modules (log sources) that print query values.
    static let databaseSources: Set<String> = [
        "FluentKit", "SQLKit", "SQLiteNIO", "PostgresNIO", "FluentSQLiteDriver", "FluentPostgresDriver",
        "SQLiteKit", "PostgresKit", "AsyncKit",
    ]

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

    public static func drops(level: Logger.Level, source: String) -> Bool {
        level < .warning && databaseSources.contains(source)
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public func log(event: LogEvent) {
        guard !Self.drops(level: event.level, source: event.source) else { return }
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
