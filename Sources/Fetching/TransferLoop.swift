import CCurl
import Dispatch
import Foundation
import Logging
import Model
import Synchronization

/// The multi handle, shared with submitting threads only so that they can wake the loop.
/// @unchecked Sendable: libcurl documents `curl_multi_wakeup` as callable from any thread; every other
/// use of the pointer happens on the transfer thread.
struct MultiHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

/// One dedicated thread that owns a libcurl multi handle and runs every transfer of an ``HTTPFetcher``.
///
/// Callers enqueue jobs under a lock and wake the thread once they have let go of it. The thread keeps the jobs in
/// a ``HostQueue`` and adds a transfer to the multi handle only when the queue hands it out, that is when a global
/// slot and a slot of its host are free and the host's minimum delay has passed: libcurl's timeouts run from when a
/// transfer is added, so a job must never wait inside libcurl. When a host waits out its delay, the poll ends when
/// it is over, so the job starts then without the thread spinning. The thread drives the transfers (perform →
/// info_read → poll) and resumes each caller's continuation with its result. Nothing here blocks the cooperative
/// thread pool.
final class TransferLoop: Sendable {
    private struct Queue {
        var submitted: [FetchJob] = []
        /// Global slots given back by callers done with their responses since the thread last looked.
        var releases = 0
        var stopping = false
        /// Set when some caller was cancelled: the thread then looks for raised flags.
        var sweepRequested = false
    }

    /// What the thread takes from the queue in one pass.
    private struct Intake: Sendable {
        var jobs: [FetchJob]
        var releases: Int
        var sweep: Bool
        var stopping: Bool
    }

    /// A transfer added to the multi handle, with the host slot it holds.
    private struct Running {
        let transfer: Transfer
        let host: HostKey?
    }

    private let queue = Mutex(Queue())
    /// Callers that took a turn to wake the thread under the lock and have not woken it yet: the thread
    /// cleans the multi handle up only once none is left (see ``wake()``).
    private let wakesInFlight = Atomic<Int>(0)
    private let multi: MultiHandle
    private let limits: FetchLimits
    private let logger: Logger
    private let ended = DispatchSemaphore(value: 0)

    init(limits: FetchLimits, logger: Logger) {
        if !CurlGlobal.isInitialized {
            logger.error("curl_global_init failed")
        }
        // curl_multi_init fails only when memory is exhausted, where nothing sensible remains to do.
        guard let pointer = curl_multi_init() else { fatalError("curl_multi_init failed") }
        // The HostQueue limits transfers per requested host; libcurl's limit also covers the host a redirect
        // leads to, so that many sources redirected to one server never open more than `per_host`
        // connections to it. Such a transfer then waits in libcurl's queue, its timeouts running. A host rule
        // may allow more than the default, and libcurl's cap must not undercut it.
        let widestHostLimit = limits.hostRules.values.compactMap(\.maxConnections).reduce(limits.maxConnectionsPerHost, max)
        veilleur_multi_setopt_long(pointer, CURLMOPT_MAX_HOST_CONNECTIONS, widestHostLimit)
        // Idle connections stay open for the next request to their host (the next source, or the next pass,
        // as long as the fetcher lives), but no more of them than could be busy at once, times four (libcurl's
        // own ratio): a crawl of thousands of hosts must not keep thousands of sockets.
        veilleur_multi_setopt_long(pointer, CURLMOPT_MAXCONNECTS, 4 * limits.maxConcurrent)
        multi = MultiHandle(pointer: pointer)
        self.limits = limits
        self.logger = logger
        let thread = Thread { [self] in run() }
        thread.name = "veilleur-curl"
        thread.start()
    }

    /// Queues `job`; it fails at once as cancelled if the loop is stopping or its caller is already cancelled.
    func submit(_ job: FetchJob) {
        let refusal: FetchError? = queue.withLock { queue in
            guard !queue.stopping else { return Self.cancelled(job.request) }
            // A flag raised before this point was swept before the job was queued: nothing else would see it.
            guard !job.cancellation.isRaised else { return Self.cancelledByCaller(job.request) }
            queue.submitted.append(job)
            wakesInFlight.add(1, ordering: .relaxed)
            return nil
        }
        if let refusal {
            job.continuation.resume(returning: FetchDelivery(result: .failed(refusal), holdsSlot: false))
        } else {
            wake()
        }
    }

    /// Gives back the global slot of a delivered job whose caller is done with the response.
    func release() {
        let wakes = queue.withLock { queue in
            guard !queue.stopping else { return false }
            queue.releases += 1
            wakesInFlight.add(1, ordering: .relaxed)
            return true
        }
        if wakes { wake() }
    }

    /// Asks the thread to end the transfers, queued or running, whose cancellation flag is raised.
    func sweepCancelled() {
        let wakes = queue.withLock { queue in
            guard !queue.stopping else { return false }
            queue.sweepRequested = true
            wakesInFlight.add(1, ordering: .relaxed)
            return true
        }
        if wakes { wake() }
    }

    /// Wakes the thread, after a turn taken under the lock (`wakesInFlight`) while it was not stopping.
    ///
    /// Waking it under the lock made it run at once and find the lock still held: it then slept on the
    /// lock, and had to be woken a second time (a cold crawl of 2,000 feeds: 2,143 such waits, 3.8 s in all).
    /// Taking the turn under the lock is what keeps the handle alive: the thread sees `stopping` under the
    /// lock, after every turn taken before it, and waits for those turns to end before cleaning up.
    private func wake() {
        curl_multi_wakeup(multi.pointer)
        wakesInFlight.subtract(1, ordering: .releasing)
    }

    /// Stops the thread, failing queued and running transfers as cancelled, and waits for it to end.
    /// Only the first call waits; later calls return at once.
    func shutdown() {
        let first = queue.withLock { queue in
            guard !queue.stopping else { return false }
            queue.stopping = true
            curl_multi_wakeup(multi.pointer)
            return true
        }
        if first {
            ended.wait()
        }
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: Running] = [:]
        let limits = self.limits
        var waiting = HostQueue<FetchJob>(maxRunning: limits.maxConcurrent) { limits.politeness(for: $0) }
        while true {
            let intake = queue.withLock { queue in
                defer {
                    queue.submitted = []
                    queue.releases = 0
                    queue.sweepRequested = false
                }
                return Intake(
                    jobs: queue.submitted, releases: queue.releases, sweep: queue.sweepRequested, stopping: queue.stopping)
            }
            for _ in 0..<intake.releases {
                waiting.releaseSlot()
            }
            for job in intake.jobs {
                waiting.enqueue(job, host: HostKey(url: job.request.url))
            }
            if intake.stopping {
                abandon(queued: waiting.removeAll { _ in true }, active: active.values.map(\.transfer))
                // A caller between its turn and its wake is a few instructions from done.
                while wakesInFlight.load(ordering: .acquiring) > 0 { sched_yield() }
                curl_multi_cleanup(multi.pointer)
                ended.signal()
                return
            }
            var completed = 0
            if intake.sweep {
                for job in waiting.removeAll(where: { $0.cancellation.isRaised }) {
                    complete(job, with: .failed(Self.cancelledByCaller(job.request)), status: 0, bytes: 0, elapsed: .zero)
                }
                for (easy, running) in active where running.transfer.job.cancellation.isRaised {
                    active[easy] = nil
                    curl_multi_remove_handle(multi.pointer, easy)
                    waiting.finished(host: running.host)
                    let transfer = running.transfer
                    let elapsed = transfer.started.duration(to: .now)
                    let error = Self.cancelledByCaller(transfer.job.request)
                    complete(transfer.job, with: .failed(error), status: 0, bytes: transfer.body.count, elapsed: elapsed)
                    completed += 1
                }
            }
            while let admission = waiting.next(at: .now) {
                if let transfer = start(admission.job) {
                    active[transfer.easy] = Running(transfer: transfer, host: admission.host)
                } else {
                    waiting.finished(host: admission.host)
                }
            }
            var running: Int32 = 0
            curl_multi_perform(multi.pointer, &running)
            var queuedMessages: Int32 = 0
            while let message = curl_multi_info_read(multi.pointer, &queuedMessages) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                // Read before removing the handle: the message does not survive curl_multi_remove_handle.
                let code = message.pointee.data.result
                guard let done = active.removeValue(forKey: easy) else { continue }
                curl_multi_remove_handle(multi.pointer, easy)
                // The host slot is free now; the global slot stays with the response until its caller releases it.
                waiting.transferEnded(host: done.host)
                finish(done.transfer, code: code)
                completed += 1
            }
            // After completions, loop at once so that freed slots are refilled without waiting.
            if completed == 0 {
                curl_multi_poll(multi.pointer, nil, 0, Self.pollTimeout(until: waiting.nextReadyTime), nil)
            }
        }
    }

    /// Milliseconds to wait in `curl_multi_poll`: at most a second, and no longer than until the next
    /// host waiting out its delay may start (rounded up, so the loop never wakes just before it).
    private static func pollTimeout(until readyTime: ContinuousClock.Instant?) -> Int32 {
        guard let readyTime else { return 1000 }
        let wait = ContinuousClock.now.duration(to: readyTime)
        guard wait > .zero else { return 0 }
        return Int32(min(1000, wait.roundedUpMilliseconds))
    }

    private func start(_ job: FetchJob) -> Transfer? {
        guard let transfer = Transfer(job: job, maxBodyBytes: limits.maxBodyBytes) else {
            let error = FetchError(url: job.request.url, kind: .network(code: Int(CURLE_FAILED_INIT.rawValue)), message: "curl_easy_init failed")
            complete(job, with: .failed(error), status: 0, bytes: 0, elapsed: .zero)
            return nil
        }
        do {
            try transfer.configure(limits: limits)
        } catch {
            complete(job, with: .failed(error), status: 0, bytes: 0, elapsed: .zero)
            return nil
        }
        let added = curl_multi_add_handle(multi.pointer, transfer.easy)
        guard added == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(added))
            let error = FetchError(url: job.request.url, kind: .network(code: Int(added.rawValue)), message: "curl_multi_add_handle: \(message)")
            complete(job, with: .failed(error), status: 0, bytes: 0, elapsed: .zero)
            return nil
        }
        return transfer
    }

    private func finish(_ transfer: Transfer, code: CURLcode) {
        let url = transfer.job.request.url
        let elapsed = transfer.started.duration(to: .now)
        var status = 0
        if veilleur_easy_getinfo_long(transfer.easy, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK {
            status = 0
        }
        // A body cut at the request's prefix aborts the transfer with a write error, as it should: the
        // rest is not wanted.
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.truncated) else {
            let error = FetchError(url: url, kind: kind(of: code, in: transfer), message: message(for: code, in: transfer))
            complete(transfer.job, with: .failed(error), status: status, bytes: transfer.body.count, elapsed: elapsed, holdsSlot: true)
            return
        }
        for dropped in transfer.headers.droppedValidators {
            logger.debug(
                "validator dropped",
                metadata: ["url": .string(URLRedaction.redacted(url)), "field": .string(dropped.field), "value": .string(Self.loggable(dropped.value))]
            )
        }
        var effective: UnsafeMutablePointer<CChar>?
        let finalURL = veilleur_easy_getinfo_string(transfer.easy, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK
            ? effective.map { String(cString: $0) } ?? url
            : url
        var redirects = 0
        if veilleur_easy_getinfo_long(transfer.easy, CURLINFO_REDIRECT_COUNT, &redirects) != CURLE_OK {
            redirects = -1
        }
        // The header lines and libcurl must agree on the number of hops: a redirect response the tracker
        // did not see as one would make "every hop was permanent" a guess.
        let movedTo = transfer.headers.permanentRedirect != nil && redirects == transfer.headers.redirects ? finalURL : nil
        let response = FetchResponse(
            status: status,
            finalURL: finalURL,
            permanentRedirect: movedTo,
            etag: transfer.headers.etag,
            lastModified: transfer.headers.lastModified,
            contentType: transfer.headers.contentType,
            contentLanguage: transfer.headers.contentLanguage,
            freshnessLifetime: Freshness.lifetime(
                cacheControl: transfer.headers.cacheControl, expires: transfer.headers.expires, date: transfer.headers.date),
            body: transfer.body,
            elapsed: elapsed,
            truncated: transfer.truncated
        )
        let result: FetchResult = switch status {
        case 304: .notModified(response)
        case 200..<300: .modified(response)
        default: .failed(FetchError(
            url: url, kind: .httpStatus(status), message: "",
            retryAfter: transfer.headers.retryAfter.flatMap { RetryAfter.seconds(from: $0) }))
        }
        complete(transfer.job, with: result, status: status, bytes: transfer.body.count, elapsed: elapsed, holdsSlot: true)
    }

    private func kind(of code: CURLcode, in transfer: Transfer) -> FetchError.Kind {
        switch code {
        case CURLE_WRITE_ERROR where transfer.bodyExceeded, CURLE_FILESIZE_EXCEEDED:
            .bodyTooLarge(limit: limits.maxBodyBytes)
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL: .forbiddenScheme
        case CURLE_URL_MALFORMAT: .invalidURL
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dns
        case CURLE_COULDNT_CONNECT: .connect
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            .tls
        default: .network(code: Int(code.rawValue))
        }
    }

    private func message(for code: CURLcode, in transfer: Transfer) -> String {
        if (code == CURLE_WRITE_ERROR && transfer.bodyExceeded) || code == CURLE_FILESIZE_EXCEEDED {
            return "body exceeds \(limits.maxBodyBytes) bytes"
        }
        return transfer.curlMessage(code)
    }

    private func abandon(queued: [FetchJob], active: [Transfer]) {
        for transfer in active {
            curl_multi_remove_handle(multi.pointer, transfer.easy)
            let elapsed = transfer.started.duration(to: .now)
            complete(transfer.job, with: .failed(Self.cancelled(transfer.job.request)), status: 0, bytes: transfer.body.count, elapsed: elapsed)
        }
        for job in queued {
            complete(job, with: .failed(Self.cancelled(job.request)), status: 0, bytes: 0, elapsed: .zero)
        }
    }

    private func complete(
        _ job: FetchJob, with result: FetchResult, status: Int, bytes: Int, elapsed: Duration, holdsSlot: Bool = false
    ) {
        let outcome: String = switch result {
        case .modified: "modified"
        case .notModified: "not-modified"
        case .failed(let error): "failed: \(error.kind)"
        }
        logger.debug(
            "fetch completed",
            metadata: [
                "url": .string(URLRedaction.redacted(job.request.url)),
                "status": .stringConvertible(status),
                "bytes": .stringConvertible(bytes),
                "ms": .stringConvertible(elapsed.roundedUpMilliseconds),
                "queued_ms": .stringConvertible((job.submitted.duration(to: .now) - elapsed).roundedUpMilliseconds),
                "outcome": .string(outcome),
            ]
        )
        job.continuation.resume(returning: FetchDelivery(result: result, holdsSlot: holdsSlot))
    }

    /// A server-supplied value fit for a log line: at most 100 scalars, anything outside printable ASCII escaped.
    private static func loggable(_ value: String) -> String {
        value.unicodeScalars.prefix(100).map { $0.escaped(asASCII: true) }.joined()
    }

    private static func cancelled(_ request: FetchRequest) -> FetchError {
        FetchError(url: request.url, kind: .cancelled, message: "the fetcher was shut down")
    }

    private static func cancelledByCaller(_ request: FetchRequest) -> FetchError {
        FetchError(url: request.url, kind: .cancelled, message: "the calling task was cancelled")
    }
}
