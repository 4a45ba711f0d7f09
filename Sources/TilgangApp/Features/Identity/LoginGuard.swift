import Foundation
import NIOConcurrencyHelpers
import TilgangDomain
import Vapor

/// The app's login throttle: 5 failures per account or 20 per address within 15 minutes lock that account or
/// address out until the oldest failure is 15 minutes old (429 with Retry-After). Kept in memory: a restart
/// forgets it, and each instance counts its own attempts.
///
/// An attempt is counted as a failure *before* its password is checked, under one lock, and taken back when the
/// password was right: fifteen guesses sent at once were all checked before the first failure was recorded.
final class LoginGuard: Sendable {
    private struct Throttles {
        var accounts = LoginThrottle(limit: 5, window: 15 * 60)
        var addresses = LoginThrottle(limit: 20, window: 15 * 60)
    }

    private let throttles = NIOLockedValueBox(Throttles())

    struct Throttled: AbortError {
        let retryAfter: Int
        var status: HTTPResponseStatus { .tooManyRequests }
        var reason: String { "For mange mislykkede innlogginger. Vent \(retryAfter / 60 + 1) minutter og prøv igjen." }
        var headers: HTTPHeaders { ["Retry-After": String(retryAfter)] }
    }

    /// Signs in through `verify`, refusing while the account or address is throttled and counting failures.
    func attempt<T>(
        username: String, address: String?, now: Date, _ verify: () async throws -> T
    ) async throws -> T {
        let account = username.lowercased()
        let address = address ?? "-"
        let time = now.timeIntervalSince1970
        let wait = throttles.withLockedValue { throttles -> Double in
            let wait = max(
                throttles.accounts.retryAfter(account, now: time) ?? 0,
                throttles.addresses.retryAfter(address, now: time) ?? 0)
            if wait == 0 {
                throttles.accounts.recordFailure(account, now: time)
                throttles.addresses.recordFailure(address, now: time)
            }
            return wait
        }
        if wait > 0 { throw Throttled(retryAfter: Int(wait.rounded(.up))) }
        do {
            let result = try await verify()
            throttles.withLockedValue {
                $0.accounts.reset(account)
                $0.addresses.removeFailure(address, at: time)
            }
            return result
        } catch let error as UserService.LoginError {
            throw error
        } catch {
            // Not a wrong password (the database or the hashing pool failed): the attempt does not count.
            throttles.withLockedValue {
                $0.accounts.removeFailure(account, at: time)
                $0.addresses.removeFailure(address, at: time)
            }
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
