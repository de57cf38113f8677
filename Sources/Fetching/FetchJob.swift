import Synchronization

/// A request waiting for, or in, a transfer slot, with the continuation its caller awaits.
struct FetchJob: Sendable {
    let request: FetchRequest
    let continuation: CheckedContinuation<FetchDelivery, Never>
    let cancellation: CancellationFlag
    /// When the caller asked; the transfer's own clock starts later, when a slot is free.
    let submitted = ContinuousClock.now
}

/// A job's result as the transfer thread hands it back.
struct FetchDelivery: Sendable {
    let result: FetchResult
    /// True when the job still holds a global slot of the ``TransferLoop``, to be given back with
    /// ``TransferLoop/release()`` once the caller is done with the response.
    let holdsSlot: Bool
}

/// Set when the task awaiting a job is cancelled; read by the transfer thread.
final class CancellationFlag: Sendable {
    private let raised = Atomic(false)

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    func raise() {
        raised.store(true, ordering: .releasing)
    }
}
