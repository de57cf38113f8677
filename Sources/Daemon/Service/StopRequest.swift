import Foundation
import Synchronization

/// Set once an operator asked the daemon to stop. Work in flight registers how to abort itself, so that
/// a stop does not wait for slow servers to answer.
public final class StopRequest: Sendable {
    private struct State {
        var requested = false
        var actions: [UUID: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Asks the daemon to stop and runs every registered abort action once.
    public func request() {
        let actions = state.withLock { state in
            state.requested = true
            defer { state.actions = [:] }
            return Array(state.actions.values)
        }
        for action in actions { action() }
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool {
        state.withLock { $0.requested }
    }

    /// Runs `body` with `abort` registered: a stop requested meanwhile (or before) calls `abort`.
    public func whileRegistered<T>(abort: @escaping @Sendable () -> Void, _ body: () async throws -> T) async rethrows -> T {
        let key = UUID()
        let alreadyRequested = state.withLock { state in
            if !state.requested { state.actions[key] = abort }
            return state.requested
        }
        if alreadyRequested { abort() }
        defer { _ = state.withLock { $0.actions.removeValue(forKey: key) } }
        return try await body()
    }
}
