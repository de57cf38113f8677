import Synchronization

/// A request waiting for, or in, a transfer slot, with the continuation its caller awaits.
struct FetchJob: Sendable {
    let request: FetchRequest
    let continuation: CheckedContinuation<FetchResult, Never>
    let cancellation: CancellationFlag
    /// When the caller asked; the transfer's own clock starts later, when a slot is free.
    let submitted = ContinuousClock.now
}

/// Set when the task awaiting a job is cancelled; read by the transfer thread.
final class CancellationFlag: Sendable {
    private let raised = Atomic(false)

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    func raise() {
        raised.store(true, ordering: .releasing)
    }
}
