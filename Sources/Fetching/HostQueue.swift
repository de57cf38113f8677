import DequeModule
import HeapModule

/// Requests waiting for a transfer slot, and the slots in use, counted per host.
///
/// A waiting job is handed out only when fewer than `maxRunning` jobs hold a global slot, fewer than its
/// host's ``HostPoliteness/maxConnections`` transfers run for its host, and its host's last request
/// started at least ``HostPoliteness/minDelay`` ago. Among the jobs that may start, the earliest queued
/// goes first, so each host is served in order and a host at its limit, or waiting out its delay, never
/// holds back the jobs of other hosts. Jobs without a host (see ``HostKey/init(url:)``) are bound by
/// `maxRunning` only.
///
/// A job holds its host's slot while its transfer runs, and its global slot until the caller is done
/// with the response (``releaseSlot()``): the global limit bounds the response bodies in memory, not only
/// the open connections. Every operation costs O(log hosts), so twenty thousand queued sources cost
/// no more per start than twenty.
///
/// The queue does no I/O and reads no clock: the caller passes the time to ``next(at:)`` and learns from
/// ``nextReadyTime`` when a host waiting out its delay may start, so tests drive it with a fake clock.
struct HostQueue<Job> {
    typealias Instant = ContinuousClock.Instant

    /// A job handed out to start, with the host whose slot it now holds.
    struct Admission {
        let job: Job
        let host: HostKey?
    }

    private struct Waiting {
        let job: Job
        let arrival: Int
    }

    /// A host with a waiting job and a free slot whose delay has passed, ordered by the arrival of its
    /// first waiting job.
    private struct ReadyHost: Comparable {
        let arrival: Int
        let host: HostKey?

        static func < (lhs: ReadyHost, rhs: ReadyHost) -> Bool { lhs.arrival < rhs.arrival }
        static func == (lhs: ReadyHost, rhs: ReadyHost) -> Bool { lhs.arrival == rhs.arrival }
    }

    /// A host with a waiting job and a free slot, ordered by when its delay since its last start ends.
    private struct PendingHost: Comparable {
        let readyAt: Instant?
        let host: HostKey?

        /// nil (never started) sorts first: such a host is ready at once.
        static func < (lhs: PendingHost, rhs: PendingHost) -> Bool {
            switch (lhs.readyAt, rhs.readyAt) {
            case (nil, .some): true
            case let (l?, r?): l < r
            default: false
            }
        }

        static func == (lhs: PendingHost, rhs: PendingHost) -> Bool { lhs.readyAt == rhs.readyAt }
    }

    let maxRunning: Int
    private let politeness: (HostKey) -> HostPoliteness
    /// Jobs in arrival order, per host; a host with no waiting job has no entry.
    private var waiting: [HostKey?: Deque<Waiting>] = [:]
    private var runningPerHost: [HostKey: Int] = [:]
    /// When each host's last job was handed out.
    private var lastStart: [HostKey: Instant] = [:]
    /// Each host with a waiting job and a free host slot is in exactly one of these two heaps, once:
    /// `pending` until its delay has passed, then `ready`, keyed by its first job.
    private var pending = Heap<PendingHost>()
    private var ready = Heap<ReadyHost>()
    private(set) var runningCount = 0
    private(set) var waitingCount = 0
    private var arrivals = 0

    /// Creates an empty queue in which every host has the same limit and no delay; limits below 1 count as 1.
    init(maxPerHost: Int, maxRunning: Int) {
        let rule = HostPoliteness(maxConnections: maxPerHost, minDelay: .zero)
        self.init(maxRunning: maxRunning) { _ in rule }
    }

    /// Creates an empty queue in which `politeness` gives each host's limit and delay (asked whenever
    /// they matter, so it should be cheap); limits below 1 count as 1.
    init(maxRunning: Int, politeness: @escaping (HostKey) -> HostPoliteness) {
        self.maxRunning = max(1, maxRunning)
        self.politeness = politeness
    }

    /// Queues `job` behind the jobs already waiting for `host`.
    mutating func enqueue(_ job: Job, host: HostKey?) {
        let wasIdle = waiting[host] == nil
        waiting[host, default: []].append(Waiting(job: job, arrival: arrivals))
        waitingCount += 1
        arrivals += 1
        if wasIdle, hasFreeSlot(host) {
            pending.insert(PendingHost(readyAt: readyTime(of: host), host: host))
        }
    }

    /// The next job to start at `now`, now holding a global slot and a slot of its host; nil when no
    /// waiting job may start at `now`.
    mutating func next(at now: Instant) -> Admission? {
        while let first = pending.min, first.readyAt.map({ $0 <= now }) ?? true {
            pending.removeMin()
            if let arrival = waiting[first.host]?.first?.arrival {
                ready.insert(ReadyHost(arrival: arrival, host: first.host))
            }
        }
        guard runningCount < maxRunning, let chosen = ready.popMin(),
              let job = waiting[chosen.host]?.popFirst()?.job else { return nil }
        waitingCount -= 1
        runningCount += 1
        if let host = chosen.host {
            runningPerHost[host, default: 0] += 1
            lastStart[host] = now
        }
        markPendingIfPossible(chosen.host)
        return Admission(job: job, host: chosen.host)
    }

    /// When a host now waiting out its delay may start; nil when none does. A job may still have to
    /// wait then for a global slot.
    var nextReadyTime: Instant? {
        pending.min?.readyAt
    }

    /// Frees the host slot of a job handed out for `host`, whose transfer has ended; its global slot
    /// stays taken until ``releaseSlot()``.
    mutating func transferEnded(host: HostKey?) {
        guard let host, let running = runningPerHost[host] else { return }
        let wasFull = running >= max(1, politeness(host).maxConnections)
        runningPerHost[host] = running > 1 ? running - 1 : nil
        if wasFull { markPendingIfPossible(host) }
    }

    /// Frees the global slot of a job handed out earlier, once its caller is done with the response.
    mutating func releaseSlot() {
        runningCount = max(0, runningCount - 1)
    }

    /// Frees both slots of a job handed out for `host`.
    mutating func finished(host: HostKey?) {
        transferEnded(host: host)
        releaseSlot()
    }

    /// Takes out the waiting jobs that satisfy `shouldRemove` (asked once per job), in arrival order.
    mutating func removeAll(where shouldRemove: (Job) -> Bool) -> [Job] {
        var removed: [Waiting] = []
        var remaining: [HostKey?: Deque<Waiting>] = [:]
        for (host, jobs) in waiting {
            var kept: Deque<Waiting> = []
            for entry in jobs {
                if shouldRemove(entry.job) {
                    removed.append(entry)
                } else {
                    kept.append(entry)
                }
            }
            if !kept.isEmpty { remaining[host] = kept }
        }
        waiting = remaining
        waitingCount -= removed.count
        ready = Heap()
        pending = Heap(remaining.keys.filter(hasFreeSlot).map { PendingHost(readyAt: readyTime(of: $0), host: $0) })
        return removed.sorted { $0.arrival < $1.arrival }.map(\.job)
    }

    /// Puts `host` in the pending heap if it has a waiting job and a free slot; it is in neither heap
    /// already, because every caller has just taken it out or just freed its slot.
    private mutating func markPendingIfPossible(_ host: HostKey?) {
        guard waiting[host]?.first != nil else {
            waiting[host] = nil
            return
        }
        if hasFreeSlot(host) {
            pending.insert(PendingHost(readyAt: readyTime(of: host), host: host))
        }
    }

    /// When `host`'s delay since its last start ends; nil when it has none to wait out.
    private func readyTime(of host: HostKey?) -> Instant? {
        guard let host, let last = lastStart[host] else { return nil }
        let delay = politeness(host).minDelay
        return delay > .zero ? last + delay : nil
    }

    private func hasFreeSlot(_ host: HostKey?) -> Bool {
        guard let host else { return true }
        return runningPerHost[host, default: 0] < max(1, politeness(host).maxConnections)
    }
}
