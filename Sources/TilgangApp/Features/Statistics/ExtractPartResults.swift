import Foundation
import TilgangDomain

/// The parts' results, written by the worker threads, each to its own slot.
final class ExtractPartResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<ExtractPartResult, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<ExtractPartResult, any Error>) {
        lock.withLock { results[index] = result }
    }

    /// The part's result, handed over once (its memory goes with it); every part has one once the workers are done.
    func take(_ index: Int) -> Result<ExtractPartResult, any Error> {
        lock.withLock {
            defer { results[index] = nil }
            return results[index] ?? .failure(ExtractError(line: 1, field: "row", message: "delen ble ikke lest"))
        }
    }
}
