import Testing
@testable import Fetching

@Suite struct HostQueueTests {
    private let alpha = HostKey(scheme: "https", host: "alpha.example", port: 443)
    private let beta = HostKey(scheme: "https", host: "beta.example", port: 443)
    /// The queues here have no delay, so the time they are asked at does not matter.
    private let now = ContinuousClock.now

    /// Takes every job the queue hands out now, without finishing any.
    private func drain(_ queue: inout HostQueue<String>) -> [String] {
        var started: [String] = []
        while let admission = queue.next(at: now) {
            started.append(admission.job)
        }
        return started
    }

    @Test("No more jobs of one host run than its limit; a finished one lets the next start")
    func jobsOfOneHostStayWithinItsLimit() {
        var queue = HostQueue<String>(maxPerHost: 2, maxRunning: 10)
        for job in ["a1", "a2", "a3"] {
            queue.enqueue(job, host: alpha)
        }
        #expect(drain(&queue) == ["a1", "a2"])
        queue.finished(host: alpha)
        #expect(drain(&queue) == ["a3"])
        #expect(queue.waitingCount == 0)
    }

    @Test("A host at its limit does not hold back a later job of another host")
    func aHostAtItsLimitDoesNotHoldBackOtherHosts() {
        var queue = HostQueue<String>(maxPerHost: 1, maxRunning: 10)
        for job in ["a1", "a2", "a3"] {
            queue.enqueue(job, host: alpha)
        }
        queue.enqueue("b1", host: beta)
        #expect(drain(&queue) == ["a1", "b1"])
        #expect(queue.waitingCount == 2)
    }

    @Test("Jobs that may start are handed out in the order they arrived, across hosts")
    func jobsStartInArrivalOrderAcrossHosts() {
        var queue = HostQueue<String>(maxPerHost: 5, maxRunning: 10)
        queue.enqueue("b1", host: beta)
        queue.enqueue("a1", host: alpha)
        queue.enqueue("b2", host: beta)
        queue.enqueue("x1", host: nil)
        queue.enqueue("a2", host: alpha)
        #expect(drain(&queue) == ["b1", "a1", "b2", "x1", "a2"])
    }

    @Test("A freed slot of a host goes to the earliest waiting job of that host")
    func aFreedSlotGoesToTheEarliestWaitingJobOfItsHost() {
        var queue = HostQueue<String>(maxPerHost: 1, maxRunning: 10)
        queue.enqueue("a1", host: alpha)
        queue.enqueue("b1", host: beta)
        queue.enqueue("b2", host: beta)
        queue.enqueue("a2", host: alpha)
        #expect(drain(&queue) == ["a1", "b1"])
        queue.finished(host: beta)
        #expect(drain(&queue) == ["b2"])
        queue.finished(host: alpha)
        #expect(drain(&queue) == ["a2"])
    }

    @Test("No more jobs run in all than the global limit, whatever their hosts")
    func jobsStayWithinTheGlobalLimit() {
        var queue = HostQueue<String>(maxPerHost: 2, maxRunning: 2)
        queue.enqueue("a1", host: alpha)
        queue.enqueue("b1", host: beta)
        queue.enqueue("x1", host: nil)
        #expect(drain(&queue) == ["a1", "b1"])
        #expect(queue.runningCount == 2)
        queue.finished(host: alpha)
        #expect(drain(&queue) == ["x1"])
    }

    @Test("Jobs without a host are bound by the global limit only")
    func jobsWithoutAHostAreBoundByTheGlobalLimitOnly() {
        var queue = HostQueue<String>(maxPerHost: 1, maxRunning: 3)
        for job in ["x1", "x2", "x3", "x4"] {
            queue.enqueue(job, host: nil)
        }
        #expect(drain(&queue) == ["x1", "x2", "x3"])
    }

    @Test("Removed jobs come back in arrival order and are never handed out")
    func removedJobsAreNeverHandedOut() {
        var queue = HostQueue<String>(maxPerHost: 1, maxRunning: 10)
        for job in ["a1", "a2", "b1", "a3", "b2"] {
            queue.enqueue(job, host: job.hasPrefix("a") ? alpha : beta)
        }
        #expect(queue.removeAll { $0 == "a1" || $0.hasSuffix("2") } == ["a1", "a2", "b2"])
        #expect(drain(&queue) == ["b1", "a3"])
        #expect(queue.waitingCount == 0)
    }

    @Test("Limits below one count as one")
    func limitsBelowOneCountAsOne() {
        var queue = HostQueue<String>(maxPerHost: 0, maxRunning: 0)
        queue.enqueue("a1", host: alpha)
        queue.enqueue("b1", host: beta)
        #expect(drain(&queue) == ["a1"])
    }
}

extension HostQueueTests {
    @Test("A job keeps its global slot after its transfer until the caller releases it; its host slot is free at once")
    func aGlobalSlotIsHeldUntilReleased() {
        var queue = HostQueue<String>(maxPerHost: 1, maxRunning: 1)
        queue.enqueue("a1", host: alpha)
        queue.enqueue("a2", host: alpha)
        queue.enqueue("b1", host: beta)
        #expect(drain(&queue) == ["a1"])
        queue.transferEnded(host: alpha)
        #expect(drain(&queue).isEmpty, "the response of a1 still holds the only global slot")
        queue.releaseSlot()
        #expect(drain(&queue) == ["a2"])
    }

    @Test("Twenty thousand jobs over a hundred hosts are each handed out once, in arrival order per host, within both limits")
    func manyJobsStayWithinLimitsAndOrder() {
        var queue = HostQueue<Int>(maxPerHost: 2, maxRunning: 16)
        let hosts = (0..<100).map { HostKey(scheme: "https", host: "h\($0).example", port: 443) }
        for job in 0..<20_000 {
            queue.enqueue(job, host: hosts[(job * 7919) % 100])
        }
        var running: [(job: Int, host: HostKey)] = []
        var started: [Int] = []
        var lastPerHost: [HostKey: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        while started.count < 20_000 {
            while let admission = queue.next(at: now) {
                let host = admission.host!
                #expect(lastPerHost[host].map { $0 < admission.job } ?? true, "per-host arrival order")
                lastPerHost[host] = admission.job
                running.append((admission.job, host))
                started.append(admission.job)
            }
            #expect(running.count <= 16)
            #expect(Dictionary(grouping: running, by: \.host).values.allSatisfy { $0.count <= 2 })
            let done = running.remove(at: Int.random(in: 0..<running.count, using: &generator))
            queue.finished(host: done.host)
        }
        #expect(Set(started).count == 20_000)
        #expect(queue.waitingCount == 0)
    }
}
