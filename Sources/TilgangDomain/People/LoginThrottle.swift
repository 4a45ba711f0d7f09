/// Slows password guessing: after `limit` failed sign-ins for the same key (an account, or an address) within
/// `window` seconds, further attempts for that key are refused until the oldest failure leaves the window.
/// A successful sign-in clears the account's failures.
public struct LoginThrottle: Sendable {
    public let limit: Int
    public let window: Double
    private var failures: [String: [Double]] = [:]

    public init(limit: Int, window: Double) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `key` may try again, or `nil` when it may try now.
    public mutating func retryAfter(_ key: String, now: Double) -> Double? {
        prune(key, now: now)
        guard let times = failures[key], times.count >= limit, let oldest = times.first else { return nil }
        return max(1, oldest + window - now)
    }

    public mutating func recordFailure(_ key: String, now: Double) {
        prune(key, now: now)
        failures[key, default: []].append(now)
    }

    public mutating func reset(_ key: String) { failures[key] = nil }

    /// Takes back one failure recorded at `time` (an attempt counted before its password was checked, which then
    /// turned out right).
    public mutating func removeFailure(_ key: String, at time: Double) {
        guard var times = failures[key], let index = times.lastIndex(of: time) else { return }
        times.remove(at: index)
        failures[key] = times.isEmpty ? nil : times
    }

    /// Keys with failures still in the window, so memory stays bounded by recent attempts.
    public var trackedKeys: Int { failures.count }

    private mutating func prune(_ key: String, now: Double) {
        guard var times = failures[key] else { return }
        times.removeAll { $0 <= now - window }
        failures[key] = times.isEmpty ? nil : times
        if failures.count > 10_000 { failures = failures.filter { $0.value.last.map { $0 > now - window } ?? false } }
    }
}
