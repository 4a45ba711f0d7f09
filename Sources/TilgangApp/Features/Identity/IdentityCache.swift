import Fluent
import TilgangDomain
import Vapor

/// Who holds a bearer token or a session, and whom a user stands in for: looked up on every request, changed
/// rarely. Entries live five seconds; user administration and new substitutions clear the cache of this process
/// after they commit, so a deactivated account or a new substitution counts at once here and within five seconds
/// (plus one lookup already under way) in other processes sharing the database. Writes read fresh: a bearer
/// token on a write (`BearerUserAuthenticator`), substitutions in `CaseService.act`; docs/operations.md.
final class IdentityCache: Sendable {
    static let lifetime: Duration = .seconds(5)

    struct Holder: Sendable {
        let user: AuthenticatedUser
        let expiresAt: Date
    }

    struct Day: Hashable, Sendable {
        let user: UUID
        let day: String
    }

    struct TrustsDay: Hashable, Sendable {
        let trusts: [String]
        let day: String
    }

    private let tokens = ExpiringCache<String, Holder>(lifetime: lifetime)
    private let sessions = ExpiringCache<UUID, AuthenticatedUser>(lifetime: lifetime)
    private let principals = ExpiringCache<Day, [AuthenticatedUser]>(lifetime: lifetime)
    private let trustPeople = ExpiringCache<TrustsDay, TrustPeople>(lifetime: lifetime)

    /// The active user holding an unexpired token with this digest.
    func user(tokenDigest: String, on database: any Database, now: Date) async throws -> AuthenticatedUser? {
        let holder = try await tokens.value(for: tokenDigest) {
            try await UserLookup(database).holder(tokenDigest: tokenDigest)
        }
        guard let holder, holder.expiresAt > now else { return nil }
        return holder.user
    }

    /// The same, read from the database now and not kept: for writes, so an account deactivated through another
    /// server writes nothing more here.
    func freshUser(tokenDigest: String, on database: any Database, now: Date) async throws -> AuthenticatedUser? {
        guard let holder = try await UserLookup(database).holder(tokenDigest: tokenDigest), holder.expiresAt > now
        else { return nil }
        return holder.user
    }

    /// The active user a session belongs to.
    func user(id: UUID, on database: any Database) async throws -> AuthenticatedUser? {
        try await sessions.value(for: id) { try await UserLookup(database).user(id: id) }
    }

    /// The active leaders `user` stands in for on `day`.
    func principals(of user: UUID, on day: CalendarDate, database: any Database) async throws -> [AuthenticatedUser] {
        try await principals.value(for: Day(user: user, day: day.iso)) {
            try await UserLookup(database).principals(of: user, on: day)
        } ?? []
    }

    /// The active users of these trusts and their stand-ins on `day`: for the case page's «Venter på …», which is as
    /// stale as the work lists' stand-ins may be; the notices of a step read them fresh.
    func people(ofTrusts trusts: [String], on day: CalendarDate, database: any Database) async throws -> TrustPeople {
        let key = TrustsDay(trusts: trusts.sorted(), day: day.iso)
        return try await trustPeople.value(for: key) {
            try await TrustPeople.load(ofTrusts: key.trusts, on: day, database: database)
        } ?? TrustPeople(users: [], standIns: [])
    }

    /// After a change to users, tokens or substitutions has committed.
    func removeAll() {
        tokens.removeAll()
        sessions.removeAll()
        principals.removeAll()
        trustPeople.removeAll()
    }
}

extension Application {
    private struct IdentityCacheKey: StorageKey {
        typealias Value = IdentityCache
    }

    /// Made at start-up (`configureServices`).
    var identityCache: IdentityCache {
        get { configuredService(IdentityCacheKey.self) }
        set { storage[IdentityCacheKey.self] = newValue }
    }
}
