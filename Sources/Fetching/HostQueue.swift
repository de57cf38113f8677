import DequeModule
import HeapModule

/// Requests waiting for a transfer slot, and the slots in use, counted per host.
///
/// A waiting job is handed out only when fewer than `maxRunning` jobs hold a global slot and fewer than
/// `maxPerHost` transfers run for its host. Among the jobs that may start, the earliest queued goes
/// first, so each host is served in order and a host at its limit never holds back the jobs of other
/// hosts. Jobs without a host (see ``HostKey/init(url:)``) are bound by `maxRunning` only.
///
/// A job holds its host's slot while its transfer runs, and its global slot until the caller is done
/// with the response (``releaseSlot()``): the global limit bounds the response bodies in memory, not only
/// the open connections. Every operation costs O(log hosts), so twenty thousand queued sources cost
/// no more per start than twenty.
///
/// The queue does no I/O and keeps no time: a job's clock starts when it is handed out.
struct HostQueue<Job> {
    /// A job handed out to start, with the host whose slot it now holds.
    struct Admission {
        let job: Job
        let host: HostKey?
    }

    private struct Waiting {
        let job: Job
        let arrival: Int
    }

    /// A host with a waiting job and a free slot, ordered by the arrival of its first waiting job.
    private struct ReadyHost: Comparable {
        let arrival: Int
        let host: HostKey?

        static func < (lhs: ReadyHost, rhs: ReadyHost) -> Bool { lhs.arrival < rhs.arrival }
        static func == (lhs: ReadyHost, rhs: ReadyHost) -> Bool { lhs.arrival == rhs.arrival }
    }

    let maxPerHost: Int
    let maxRunning: Int
    /// Jobs in arrival order, per host; a host with no waiting job has no entry.
    private var waiting: [HostKey?: Deque<Waiting>] = [:]
    private var runningPerHost: [HostKey: Int] = [:]
    /// Exactly the hosts with a waiting job and a free host slot, each once, keyed by its first job.
    private var ready = Heap<ReadyHost>()
    private(set) var runningCount = 0
    private(set) var waitingCount = 0
    private var arrivals = 0

    /// Creates an empty queue; limits below 1 count as 1.
    init(maxPerHost: Int, maxRunning: Int) {
        self.maxPerHost = max(1, maxPerHost)
        self.maxRunning = max(1, maxRunning)
    }

    /// Queues `job` behind the jobs already waiting for `host`.
    mutating func enqueue(_ job: Job, host: HostKey?) {
        let wasIdle = waiting[host] == nil
        waiting[host, default: []].append(Waiting(job: job, arrival: arrivals))
        waitingCount += 1
        if wasIdle, hasFreeSlot(host) {
            ready.insert(ReadyHost(arrival: arrivals, host: host))
        }
        arrivals += 1
    }

    /// The next job to start, now holding a global slot and a slot of its host; nil when no waiting job
    /// may start.
    mutating func next() -> Admission? {
        guard runningCount < maxRunning, let chosen = ready.popMin(),
              let job = waiting[chosen.host]?.popFirst()?.job else { return nil }
        waitingCount -= 1
        runningCount += 1
        if let host = chosen.host {
            runningPerHost[host, default: 0] += 1
        }
        markReadyIfPossible(chosen.host)
        return Admission(job: job, host: chosen.host)
    }

    /// Frees the host slot of a job handed out for `host`, whose transfer has ended; its global slot
    /// stays taken until ``releaseSlot()``.
    mutating func transferEnded(host: HostKey?) {
        guard let host, let running = runningPerHost[host] else { return }
        let wasFull = running >= maxPerHost
        runningPerHost[host] = running > 1 ? running - 1 : nil
        if wasFull { markReadyIfPossible(host) }
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
        ready = Heap(remaining.compactMap { host, jobs in
            hasFreeSlot(host) ? jobs.first.map { ReadyHost(arrival: $0.arrival, host: host) } : nil
        })
        return removed.sorted { $0.arrival < $1.arrival }.map(\.job)
    }

    /// Puts `host` in the ready heap if it has a waiting job and a free slot; it is not there already,
    /// because every caller has just taken it out or just freed its slot.
    private mutating func markReadyIfPossible(_ host: HostKey?) {
        guard let first = waiting[host]?.first else {
            waiting[host] = nil
            return
        }
        if hasFreeSlot(host) {
            ready.insert(ReadyHost(arrival: first.arrival, host: host))
        }
    }

    private func hasFreeSlot(_ host: HostKey?) -> Bool {
        guard let host else { return true }
        return runningPerHost[host, default: 0] < maxPerHost
    }
}
