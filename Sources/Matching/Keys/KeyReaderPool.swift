import Synchronization

/// Idle ``KeyReader``s to lend, so that concurrent tasks each read keys with their own (and its caches)
/// and never wait for one another; the pool's lock is taken twice per item, never per word.
final class KeyReaderPool: Sendable {
    /// Idle readers kept; more than the cores of any machine veilleur runs on.
    private static let idleLimit = 16
    private let idle = Mutex<[KeyReader]>([])

    /// Runs `body` with a reader that no other task uses meanwhile.
    func withReader<Result>(_ body: (KeyReader) throws -> Result) rethrows -> Result {
        let reader = idle.withLock { $0.popLast() } ?? KeyReader()
        defer {
            idle.withLock { idle in
                if idle.count < Self.idleLimit { idle.append(reader) }
            }
        }
        return try body(reader)
    }
}
