import Dispatch

/// Holds server handlers until a test lets them go, and tells the test when one has arrived: the way
/// to make a server "slow" for exactly as long as a test needs, without sleeping.
public final class Gate: Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let arrivals: AsyncStream<Void>
    private let arrivalSink: AsyncStream<Void>.Continuation

    public init() {
        (arrivals, arrivalSink) = AsyncStream.makeStream(of: Void.self)
    }

    /// Called by a handler on its server thread: signals arrival, then blocks until released.
    public func arriveAndWait() {
        arrivalSink.yield()
        released.wait()
    }

    /// Suspends until a handler has arrived.
    public func arrival() async {
        for await _ in arrivals { return }
    }

    /// Lets one waiting (or the next arriving) handler go.
    public func release() {
        released.signal()
    }
}
