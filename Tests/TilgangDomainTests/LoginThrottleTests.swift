import Testing

@testable import TilgangDomain

/// Password guessing is slowed per account and per address (issue 7).
@Suite struct LoginThrottleTests {
    @Test func theSixthFailureWithinTheWindowIsRefusedUntilTheOldestExpires() {
        // given
        var throttle = LoginThrottle(limit: 5, window: 900)
        for second in 0..<5 {
            #expect(throttle.retryAfter("user:si-lege", now: Double(second)) == nil)
            throttle.recordFailure("user:si-lege", now: Double(second))
        }
        // when / then: locked until the first failure (t=0) is 900 s old
        #expect(throttle.retryAfter("user:si-lege", now: 10) == 890)
        #expect(throttle.retryAfter("user:hb-lege", now: 10) == nil, "other accounts are not affected")
        #expect(throttle.retryAfter("user:si-lege", now: 900) == nil)
    }

    @Test func successClearsTheAccount() {
        var throttle = LoginThrottle(limit: 2, window: 60)
        throttle.recordFailure("a", now: 0)
        throttle.recordFailure("a", now: 1)
        #expect(throttle.retryAfter("a", now: 2) != nil)
        throttle.reset("a")
        #expect(throttle.retryAfter("a", now: 2) == nil)
        #expect(throttle.trackedKeys == 0)
    }
}
