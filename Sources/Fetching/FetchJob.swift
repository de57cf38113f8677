import Synchronization

/// A request waiting for, or in, a transfer slot, with the continuation its caller awaits.
struct FetchJob: Sendable {
    let request: FetchRequest
    let continuation: CheckedContinuation<FetchResult, Never>
    let cancellation: CancellationFlag
}

/// Set when the task awaiting a job is cancelled; read by the transfer thread.
final class CancellationFlag: Sendable {
    private let raised = Atomic(false)

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    func raise() {
        raised.store(true, ordering: .releasing)
    }
}
