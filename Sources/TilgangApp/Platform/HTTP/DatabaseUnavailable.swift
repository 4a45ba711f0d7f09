import AsyncKit
import NIOCore
import NIOPosix
import PostgresNIO
import TilgangPersistence

/// Tells a database that cannot be reached (stopped, restarting, network gone) from a failed query, so the
/// request fails cleanly with 503 and a retry hint instead of a 500, and the pool reconnects by itself later.
enum DatabaseUnavailable {
    static let retryAfterSeconds = 5

    static func matches(_ error: any Error) -> Bool {
        switch error {
        case let psql as PSQLError:
            if [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed]
                .contains(psql.code)
            {
                return true
            }
            // 57P0x: the server is shutting down or starting up; 08xxx: connection exceptions; 55P03: the write
            // lock was not free within its timeout.
            let state = psql.serverInfo?[.sqlState] ?? ""
            return psql.code == .server && (state.hasPrefix("57P") || state.hasPrefix("08") || state == "55P03")
        case is ConnectionPoolTimeoutError, is NIOConnectionError, is ChannelError, is SerializedWrites.Busy:
            return true
        default:
            return false
        }
    }
}
