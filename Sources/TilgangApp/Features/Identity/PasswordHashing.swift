import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

/// Bcrypt on a thread pool of its own, with a bounded queue.
///
/// Bcrypt takes a quarter of a second of CPU by design. On Vapor's shared pool, which SQLite also uses, a burst of
/// sign-ins starved the database and everyone got 503; here at most `threads` hashes run at once and at most
/// `maxWaiting` wait, and past that a sign-in is refused at once with 503 rather than queued without bound.
final class PasswordHashing: Sendable {
    let pool: NIOThreadPool
    private let hasher: any PasswordHasher
    private let maxWaiting: Int
    private let inFlight = NIOLockedValueBox(0)
    /// A hash of a random password, checked when the username does not exist so that the answer takes as long
    /// as for a real account (no username enumeration by timing).
    private let dummyDigest = NIOLockedValueBox<String?>(nil)

    struct Busy: AbortError {
        var status: HTTPResponseStatus { .serviceUnavailable }
        var reason: String { "Mange logger inn akkurat nå. Prøv igjen om et øyeblikk." }
        var headers: HTTPHeaders { ["Retry-After": "2"] }
    }

    init(hasher: any PasswordHasher = BcryptPasswordHasher(cost: 12), threads: Int = 2, maxWaiting: Int = 32) {
        self.hasher = hasher
        self.maxWaiting = maxWaiting
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func hash(_ password: String, on eventLoop: any EventLoop) async throws -> String {
        try await bounded { try await self.hasher(on: eventLoop).hash(password).get() }
    }

    func verify(_ password: String, created digest: String, on eventLoop: any EventLoop) async throws -> Bool {
        try await bounded { try await self.hasher(on: eventLoop).verify(password, created: digest).get() }
    }

    /// Checks `password` against the dummy digest and answers `false`: the same work as a real check.
    func verifyNoAccount(_ password: String, on eventLoop: any EventLoop) async throws -> Bool {
        let digest: String
        if let made = dummyDigest.withLockedValue({ $0 }) {
            digest = made
        } else {
            // Made on first use, not at start-up: every test app would otherwise pay for a hash it never needs.
            digest = try await hash([UInt8].random(count: 24).base64URLEncoded, on: eventLoop)
            dummyDigest.withLockedValue { $0 = $0 ?? digest }
        }
        _ = try await verify(password, created: digest, on: eventLoop)
        return false
    }

    func hasher(on eventLoop: any EventLoop) -> AsyncPasswordHasher {
        AsyncPasswordHasher(hasher: hasher, threadPool: pool, eventLoop: eventLoop)
    }

    func shutdown() async throws { try await pool.shutdownGracefully() }

    private func bounded<T>(_ work: () async throws -> T) async throws -> T {
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < maxWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Busy() }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await work()
    }
}

extension Application {
    private struct PasswordHashingKey: StorageKey {
        typealias Value = PasswordHashing
    }

    /// Set once by `configureServices`; shut down with the application.
    var passwordHashing: PasswordHashing {
        get { configuredService(PasswordHashingKey.self) }
        set { storage[PasswordHashingKey.self] = newValue }
    }
}
