import Foundation
import Scheduling
import Testing

@Suite struct RefreshPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = RefreshPolicy(minimumInterval: 60, maximumBackoff: 86_400, jitter: 0.1)

    @Test func aHealthySourceIsDueAfterItsInterval() {
        let due = policy.nextDue(now: now, interval: 1800, consecutiveFailures: 0, random: 0)
        #expect(due.timeIntervalSince(now) == 1800)
    }

    @Test func jitterAddsAtMostItsFractionOfTheInterval() {
        let due = policy.nextDue(now: now, interval: 1000, consecutiveFailures: 0, random: 0.5)
        #expect(due.timeIntervalSince(now) == 1050)
    }

    @Test func anIntervalBelowTheMinimumIsRaised() {
        let due = policy.nextDue(now: now, interval: 5, consecutiveFailures: 0, random: 0)
        #expect(due.timeIntervalSince(now) == 60)
    }

    @Test func failuresDoubleTheWaitEachTime() {
        let waits = (1...3).map { policy.nextDue(now: now, interval: 600, consecutiveFailures: $0, random: 0).timeIntervalSince(now) }
        #expect(waits == [1200, 2400, 4800])
    }

    @Test func aSourceThatKeepsFailingIsRetriedDailyNotDropped() {
        let due = policy.nextDue(now: now, interval: 600, consecutiveFailures: 500, random: 0)
        #expect(due.timeIntervalSince(now) == 86_400)
    }

    @Test func retryAfterIsHonouredWithinTheCap() {
        let asked = policy.nextDue(now: now, interval: 600, consecutiveFailures: 1, retryAfter: 7200, random: 0)
        #expect(asked.timeIntervalSince(now) == 7200)
        let tooLong = policy.nextDue(now: now, interval: 600, consecutiveFailures: 1, retryAfter: 10_000_000, random: 0)
        #expect(tooLong.timeIntervalSince(now) == 86_400)
    }
}
