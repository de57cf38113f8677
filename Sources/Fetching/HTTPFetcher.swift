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
        await fetch(request) { $0 }
    }

    /// Performs one GET like ``fetch(_:)`` and hands the result to `consume` while the transfer's global
    /// slot is still held: no other transfer takes the slot until `consume` returns, so the response
    /// bodies in memory never outnumber ``FetchLimits/maxConcurrent``, however slowly they are processed.
    public func fetch<T>(_ request: FetchRequest, then consume: (FetchResult) async -> T) async -> T {
        let cancellation = CancellationFlag()
        let delivery = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                loop.submit(FetchJob(request: request, continuation: continuation, cancellation: cancellation))
            }
        } onCancel: {
            cancellation.raise()
            loop.sweepCancelled()
        }
        let value = await consume(delivery.result)
        if delivery.holdsSlot { loop.release() }
        return value
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
