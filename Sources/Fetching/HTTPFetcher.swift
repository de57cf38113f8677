import Logging

/// Fetches URLs over HTTP(S) with libcurl, many at once, within ``FetchLimits``.
///
/// All transfers run on one dedicated thread (see STACK.md); `fetch` suspends its caller without
/// blocking a thread of the cooperative pool. Call ``shutdown()`` (or release the fetcher) to stop it.
public final class HTTPFetcher: Sendable {
    /// The limits every transfer obeys.
    public let limits: FetchLimits
    private let loop: TransferLoop

    /// Starts the transfer thread; each completed transfer is logged at debug level on `logger`.
    public init(limits: FetchLimits = FetchLimits(), logger: Logger = Logger(label: "veilleur.fetch")) {
        self.limits = limits
        loop = TransferLoop(limits: limits, logger: logger)
    }

    deinit {
        loop.shutdown()
    }

    /// Performs one GET, waiting for a free slot if ``FetchLimits/maxConcurrent`` transfers are running,
    /// or ``FetchLimits/maxConnectionsPerHost`` to its host; the timeouts count from when it leaves the wait.
    /// Cancelling the calling task aborts the transfer (or takes it out of the queue): it ends as
    /// ``FetchError/Kind/cancelled``.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        let cancellation = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                loop.submit(FetchJob(request: request, continuation: continuation, cancellation: cancellation))
            }
        } onCancel: {
            cancellation.raise()
            loop.sweepCancelled()
        }
    }

    /// Performs every request concurrently (within ``FetchLimits/maxConcurrent``); results are in input order.
    public func fetchAll(_ requests: [FetchRequest]) async -> [FetchResult] {
        await withTaskGroup(of: (Int, FetchResult).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask { (index, await self.fetch(request)) }
            }
            var results = [FetchResult?](repeating: nil, count: requests.count)
            for await (index, result) in group {
                results[index] = result
            }
            return results.map { $0! }
        }
    }

    /// Stops the transfer thread; queued and running fetches end as ``FetchError/Kind/cancelled``,
    /// and so do later calls to ``fetch(_:)``. Blocks briefly until the thread has ended.
    public func shutdown() {
        loop.shutdown()
    }
}
