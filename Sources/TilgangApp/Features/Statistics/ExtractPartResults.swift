import Foundation
import TilgangDomain

/// The parts' results, written by the worker threads, each to its own slot.
final class ExtractPartResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<UnregisteredReportAggregator, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<UnregisteredReportAggregator, any Error>) {
        lock.withLock { results[index] = result }
    }

    var all: [Result<UnregisteredReportAggregator, any Error>] { lock.withLock { results.compactMap { $0 } } }
}
