import Foundation
import NIOConcurrencyHelpers
import TilgangDomain
import Vapor

/// The app's login throttle: 5 failures per account or 20 per address within 15 minutes lock that account or
/// address out until the oldest failure is 15 minutes old (429 with Retry-After). Kept in memory: a restart
/// forgets it, and each instance counts its own attempts.
final class LoginGuard: Sendable {
    private let accounts = NIOLockedValueBox(LoginThrottle(limit: 5, window: 15 * 60))
    private let addresses = NIOLockedValueBox(LoginThrottle(limit: 20, window: 15 * 60))

    struct Throttled: AbortError {
        let retryAfter: Int
        var status: HTTPResponseStatus { .tooManyRequests }
        var reason: String { "For mange mislykkede innlogginger. Vent \(retryAfter / 60 + 1) minutter og prøv igjen." }
        var headers: HTTPHeaders { ["Retry-After": String(retryAfter)] }
    }

    /// Signs in through `verify`, refusing while the account or address is throttled and counting failures.
    func attempt<T>(
        username: String, address: String?, now: Date = Date(), _ verify: () async throws -> T
    ) async throws -> T {
        let account = username.lowercased()
        let address = address ?? "-"
        let time = now.timeIntervalSince1970
        let wait = max(
            accounts.withLockedValue { $0.retryAfter(account, now: time) } ?? 0,
            addresses.withLockedValue { $0.retryAfter(address, now: time) } ?? 0)
        if wait > 0 { throw Throttled(retryAfter: Int(wait.rounded(.up))) }
        do {
            let result = try await verify()
            accounts.withLockedValue { $0.reset(account) }
            return result
        } catch let error as UserService.LoginError {
            accounts.withLockedValue { $0.recordFailure(account, now: time) }
            addresses.withLockedValue { $0.recordFailure(address, now: time) }
            throw error
        }
    }
}

extension Application {
    private struct LoginGuardKey: StorageKey {
        typealias Value = LoginGuard
    }

    /// Set once by `configureServices`, before any request.
    var loginGuard: LoginGuard {
        get { configuredService(LoginGuardKey.self) }
        set { storage[LoginGuardKey.self] = newValue }
    }
}
