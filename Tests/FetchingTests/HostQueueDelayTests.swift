import Testing
@testable import Fetching

/// The minimum delay between requests to one host, driven by a fake clock: instants are offsets from `start`.
@Suite struct HostQueueDelayTests {
    private let alpha = HostKey(scheme: "https", host: "alpha.example", port: 443)
    private let beta = HostKey(scheme: "https", host: "beta.example", port: 443)
    private let start = ContinuousClock.now

    private func at(_ milliseconds: Int) -> ContinuousClock.Instant {
        start + .milliseconds(milliseconds)
    }

    /// A queue where every host allows `perHost` transfers and waits `delay` between starts, except `beta` with `betaDelay`.
    private func queue(perHost: Int = 2, delay: Duration = .seconds(1), betaDelay: Duration? = nil) -> HostQueue<String> {
        let beta = self.beta
        return HostQueue(maxRunning: 10) { host in
            HostPoliteness(maxConnections: perHost, minDelay: host == beta ? betaDelay ?? delay : delay)
        }
    }

    private func drain(_ queue: inout HostQueue<String>, at now: ContinuousClock.Instant) -> [String] {
        var started: [String] = []
        while let admission = queue.next(at: now) {
            started.append(admission.job)
        }
        return started
    }

    @Test("A host's second request waits until its delay since the first has passed, though a slot is free")
    func aSecondRequestWaitsForTheDelay() {
        var queue = queue()
        queue.enqueue("a1", host: alpha)
        queue.enqueue("a2", host: alpha)
        #expect(drain(&queue, at: at(0)) == ["a1"])
        #expect(queue.nextReadyTime == at(1000))
        #expect(drain(&queue, at: at(999)).isEmpty)
        #expect(drain(&queue, at: at(1000)) == ["a2"])
        #expect(queue.nextReadyTime == nil)
    }

    @Test("A host waiting out its delay does not hold back a later job of another host")
    func aDelayedHostDoesNotHoldBackOthers() {
        var queue = queue()
        queue.enqueue("a1", host: alpha)
        queue.enqueue("a2", host: alpha)
        queue.enqueue("a3", host: alpha)
        queue.enqueue("b1", host: beta)
        #expect(drain(&queue, at: at(0)) == ["a1", "b1"])
        queue.enqueue("b2", host: beta)
        #expect(drain(&queue, at: at(500)).isEmpty)
        #expect(drain(&queue, at: at(1000)) == ["a2", "b2"])
        queue.finished(host: alpha)
        #expect(drain(&queue, at: at(2000)) == ["a3"])
    }

    @Test("The delay counts from the last start: a job queued long after it starts at once")
    func aLateJobStartsAtOnce() {
        var queue = queue()
        queue.enqueue("a1", host: alpha)
        #expect(drain(&queue, at: at(0)) == ["a1"])
        queue.finished(host: alpha)
        queue.enqueue("a2", host: alpha)
        #expect(queue.nextReadyTime == at(1000))
        #expect(drain(&queue, at: at(5000)) == ["a2"])
    }

    @Test("A host's own delay replaces the default one")
    func aHostRuleReplacesTheDefaultDelay() {
        var queue = queue(betaDelay: .seconds(5))
        for job in ["a1", "a2", "b1", "b2"] {
            queue.enqueue(job, host: job.hasPrefix("a") ? alpha : beta)
        }
        #expect(drain(&queue, at: at(0)) == ["a1", "b1"])
        #expect(queue.nextReadyTime == at(1000))
        #expect(drain(&queue, at: at(1000)) == ["a2"])
        #expect(queue.nextReadyTime == at(5000))
        #expect(drain(&queue, at: at(4999)).isEmpty)
        #expect(drain(&queue, at: at(5000)) == ["b2"])
    }

    @Test("A host at its connection limit waits for a slot, then for its delay")
    func theSlotAndTheDelayBothApply() {
        var queue = queue(perHost: 1)
        queue.enqueue("a1", host: alpha)
        queue.enqueue("a2", host: alpha)
        #expect(drain(&queue, at: at(0)) == ["a1"])
        #expect(drain(&queue, at: at(2000)).isEmpty, "a1 still runs")
        #expect(queue.nextReadyTime == nil, "a host without a free slot has no ready time")
        queue.transferEnded(host: alpha)
        #expect(drain(&queue, at: at(2000)) == ["a2"])
    }

    @Test("Jobs without a host know no delay")
    func jobsWithoutAHostKnowNoDelay() {
        var queue = queue()
        queue.enqueue("x1", host: nil)
        queue.enqueue("x2", host: nil)
        #expect(drain(&queue, at: at(0)) == ["x1", "x2"])
    }

    @Test("Removing jobs keeps the delay of the hosts that still wait")
    func removingJobsKeepsTheDelay() {
        var queue = queue()
        for job in ["a1", "a2", "a3"] {
            queue.enqueue(job, host: alpha)
        }
        #expect(drain(&queue, at: at(0)) == ["a1"])
        #expect(queue.removeAll { $0 == "a2" } == ["a2"])
        #expect(drain(&queue, at: at(10)).isEmpty)
        #expect(drain(&queue, at: at(1000)) == ["a3"])
    }

    @Test("Ten thousand jobs over a hundred delayed hosts never start two requests to one host closer than its delay")
    func manyDelayedHostsKeepTheirDelay() {
        var queue = HostQueue<Int>(maxRunning: 16) { _ in HostPoliteness(maxConnections: 2, minDelay: .milliseconds(100)) }
        let hosts = (0..<100).map { HostKey(scheme: "https", host: "h\($0).example", port: 443) }
        for job in 0..<10_000 {
            queue.enqueue(job, host: hosts[(job * 7919) % 100])
        }
        var now = start
        var lastStart: [HostKey: ContinuousClock.Instant] = [:]
        var started = 0
        var running: [HostKey] = []
        while started < 10_000 {
            while let admission = queue.next(at: now) {
                let host = admission.host!
                if let last = lastStart[host] {
                    #expect(last.duration(to: now) >= .milliseconds(100))
                }
                lastStart[host] = now
                running.append(host)
                started += 1
            }
            #expect(running.count <= 16)
            if let host = running.popLast() {
                queue.finished(host: host)
            }
            // Time moves only as far as the next host that may start, as the transfer loop's poll would.
            if let ready = queue.nextReadyTime, running.isEmpty || ready < now + .milliseconds(10) {
                now = max(now, ready)
            } else {
                now = now + .milliseconds(10)
            }
        }
        #expect(queue.waitingCount == 0)
    }
}
