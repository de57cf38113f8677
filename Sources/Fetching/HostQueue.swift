/// Requests waiting for a transfer slot, and the slots in use, counted per host.
///
/// A waiting job is handed out only when fewer than `maxRunning` transfers run in all and fewer than
/// `maxPerHost` run for its host. Among the jobs that may start, the earliest queued goes first, so
/// each host is served in order and a host at its limit never holds back the jobs of other hosts.
/// Jobs without a host (see ``HostKey/init(url:)``) are bound by `maxRunning` only.
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

    let maxPerHost: Int
    let maxRunning: Int
    /// Jobs in arrival order, per host; a host with no waiting job has no entry.
    private var waiting: [HostKey?: [Waiting]] = [:]
    private var runningPerHost: [HostKey: Int] = [:]
    private(set) var runningCount = 0
    private var arrivals = 0

    /// Creates an empty queue; limits below 1 count as 1.
    init(maxPerHost: Int, maxRunning: Int) {
        self.maxPerHost = max(1, maxPerHost)
        self.maxRunning = max(1, maxRunning)
    }

    /// How many jobs wait for a slot.
    var waitingCount: Int { waiting.values.reduce(0) { $0 + $1.count } }

    /// Queues `job` behind the jobs already waiting for `host`.
    mutating func enqueue(_ job: Job, host: HostKey?) {
        waiting[host, default: []].append(Waiting(job: job, arrival: arrivals))
        arrivals += 1
    }

    /// The next job to start, now counted as running on its host until ``finished(host:)``;
    /// nil when no waiting job may start.
    mutating func next() -> Admission? {
        guard runningCount < maxRunning else { return nil }
        var chosen: (host: HostKey?, arrival: Int)?
        for (host, jobs) in waiting where hasFreeSlot(host) {
            if let first = jobs.first, first.arrival < chosen?.arrival ?? .max {
                chosen = (host, first.arrival)
            }
        }
        // Not `chosen?.host`: optional chaining would flatten a job without a host into "none chosen".
        guard let chosen, var jobs = waiting[chosen.host] else { return nil }
        let host = chosen.host
        let job = jobs.removeFirst().job
        waiting[host] = jobs.isEmpty ? nil : jobs
        runningCount += 1
        if let host {
            runningPerHost[host, default: 0] += 1
        }
        return Admission(job: job, host: host)
    }

    /// Frees the slot held by a job handed out for `host`.
    mutating func finished(host: HostKey?) {
        runningCount = max(0, runningCount - 1)
        guard let host, let running = runningPerHost[host] else { return }
        runningPerHost[host] = running > 1 ? running - 1 : nil
    }

    /// Takes out the waiting jobs that satisfy `shouldRemove` (asked once per job), in arrival order.
    mutating func removeAll(where shouldRemove: (Job) -> Bool) -> [Job] {
        var removed: [Waiting] = []
        for (host, jobs) in waiting {
            var kept: [Waiting] = []
            for entry in jobs {
                if shouldRemove(entry.job) {
                    removed.append(entry)
                } else {
                    kept.append(entry)
                }
            }
            waiting[host] = kept.isEmpty ? nil : kept
        }
        return removed.sorted { $0.arrival < $1.arrival }.map(\.job)
    }

    private func hasFreeSlot(_ host: HostKey?) -> Bool {
        guard let host else { return true }
        return runningPerHost[host, default: 0] < maxPerHost
    }
}
