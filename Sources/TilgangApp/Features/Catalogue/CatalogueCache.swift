import TilgangDomain
import Vapor

/// Catalogue entries by id, for route decisions and other reads: every route decision looks its medicine up, and
/// the catalogue changes only by import. Entries live five seconds; an import through this process clears the
/// cache when it has committed, so its result counts at once here and within five seconds in other processes
/// (a `tilgang import` run beside the server). Case writes read the catalogue fresh.
final class CatalogueCache: Sendable {
    static let lifetime: Duration = .seconds(5)

    private let entries = ExpiringCache<String, Medicine>(lifetime: lifetime)

    /// The cached entry, or `load()`'s; an unknown id is not kept, so a new entry counts at once.
    func medicine(id: String, load: () async throws -> Medicine?) async throws -> Medicine? {
        try await entries.value(for: id, load: load)
    }

    /// After an import has committed.
    func removeAll() {
        entries.removeAll()
    }
}

extension Application {
    private struct CatalogueCacheKey: StorageKey {
        typealias Value = CatalogueCache
    }

    /// Made at start-up (`configureServices`).
    var catalogueCache: CatalogueCache {
        get { configuredService(CatalogueCacheKey.self) }
        set { storage[CatalogueCacheKey.self] = newValue }
    }
}
