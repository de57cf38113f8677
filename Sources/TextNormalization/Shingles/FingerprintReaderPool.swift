import Synchronization

/// Idle ``FingerprintReader``s to lend, so that items fingerprinted on several threads each use their own
/// reader (and its caches) and never wait for one another; the pool's lock is taken twice per item.
final class FingerprintReaderPool: Sendable {
    /// Idle readers kept; more than the cores of any machine veilleur runs on.
    private static let idleLimit = 16
    private let idle = Mutex<[FingerprintReader]>([])

    /// Runs `body` with a reader that no other task uses meanwhile.
    func withReader<Result>(_ body: (FingerprintReader) throws -> Result) rethrows -> Result {
        let reader = idle.withLock { $0.popLast() } ?? FingerprintReader()
        defer {
            idle.withLock { idle in
                if idle.count < Self.idleLimit { idle.append(reader) }
            }
        }
        return try body(reader)
    }
}
