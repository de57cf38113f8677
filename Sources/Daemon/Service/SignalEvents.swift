import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an operator asks of the running daemon through signals.
public enum DaemonSignal: Sendable, Equatable {
    /// SIGHUP: load the configuration again.
    case reload
    /// SIGTERM or SIGINT: finish the current step, commit and exit.
    case stop
}

/// Turns SIGHUP, SIGTERM and SIGINT into an async stream, using dispatch sources instead of C handlers
/// so that the daemon reacts in ordinary Swift code.
public final class SignalEvents: Sendable {
    /// The signals in the order they arrived.
    public let stream: AsyncStream<DaemonSignal>
    // DispatchSourceSignal is thread-safe but not marked Sendable; the sources are only kept alive and cancelled.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    public init() {
        let (stream, continuation) = AsyncStream<DaemonSignal>.makeStream()
        self.stream = stream
        let queue = DispatchQueue(label: "veilleur.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, meaning) in [(SIGHUP, DaemonSignal.reload), (SIGTERM, .stop), (SIGINT, .stop)] {
            // Default dispositions would kill the process before the dispatch source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(meaning) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
