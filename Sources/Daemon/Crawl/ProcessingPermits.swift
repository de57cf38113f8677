import Synchronization

/// Lets at most `count` fetched documents be parsed, matched and handed to the recorder at once.
///
/// A document is far larger once parsed and matched (its items, their fingerprints, and with many profiles
/// hundreds of matches each) than as the body it was read from. When the store records more slowly than
/// documents arrive, every completed transfer would otherwise hold its processed document while it waits
/// for room in ``ReadyDocuments``; with permits, completed transfers wait with their bodies instead, and
/// the processed documents in memory stay within `count` plus the recorder's channel and batch.
/// Waiters are served first come, first served.
final class ProcessingPermits: Sendable {
    private struct State {
        var available: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(available: max(1, count)))
    }

    /// Suspends until a permit is free and takes it; give it back with ``release()``.
    func acquire() async {
        await withCheckedContinuation { continuation in
            let granted = state.withLock { state in
                guard state.available > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.available -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives a permit back, to the oldest waiter if there is one.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.available += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding a permit.
    func with<Result: Sendable>(_ body: () async -> Result) async -> Result {
        await acquire()
        defer { release() }
        return await body()
    }
}
