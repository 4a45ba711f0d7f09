import TilgangDomain
import Vapor

/// The statistics as the pages read them: derived from the stored aggregates, which only an import changes, and
/// costly to read (a year of a national extract is some 750 groups a species and 1 500 followed rows a year). Kept
/// five seconds and refreshed in the background (`RefreshingCache`); an import through this process clears them
/// when it has committed, one run beside the server (`tilgang import extract`) counts within five seconds (ten for
/// the followed medicines' pages: they are made from the kept series, which may be one lifetime old themselves).
final class StatisticsCache: Sendable {
    static let lifetime: Duration = .seconds(5)

    struct ReportKey: Hashable, Sendable {
        let year: Int
        let species: ExtractRow.Species
        let atcPrefix: String?
        let top: Int
    }

    struct FollowedKey: Hashable, Sendable {
        let species: ExtractRow.Species
        let page: Int
    }

    let years = RefreshingCache<Int, [Int]>(lifetime: lifetime, capacity: 1)
    let reports = RefreshingCache<ReportKey, UnregisteredReport>(lifetime: lifetime)
    let followedSeries = RefreshingCache<Int, [FollowedTable.Series]>(lifetime: lifetime, capacity: 1)
    let followedTables = RefreshingCache<FollowedKey, FollowedTable?>(lifetime: lifetime)

    /// After an import has committed.
    func removeAll() {
        years.removeAll()
        reports.removeAll()
        followedSeries.removeAll()
        followedTables.removeAll()
    }
}

extension Application {
    private struct StatisticsCacheKey: StorageKey {
        typealias Value = StatisticsCache
    }

    /// Made at start-up (`configureServices`).
    var statisticsCache: StatisticsCache {
        get { configuredService(StatisticsCacheKey.self) }
        set { storage[StatisticsCacheKey.self] = newValue }
    }
}
