import CMalloc
import Synchronization

/// Hands the free pages of the C heap back to the system, at most once per ``interval``.
///
/// A crawl frees most of what it allocates for each document (bodies, parsed items, matches) on whichever
/// thread handled it, and glibc keeps those pages in its arenas until something asks for them back: a trim
/// once a second took a cold crawl of 2,000 feeds from 80–83 MB of peak RSS to 79 MB. `malloc_trim` also
/// releases the free pages inside the arenas, not only at their tops; once a second its cost is not
/// measurable.
final class HeapTrim: Sendable {
    private let interval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let trim: @Sendable () -> Void
    private let last: Mutex<ContinuousClock.Instant?> = Mutex(nil)

    init(
        interval: Duration = .seconds(1), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        trim: @escaping @Sendable () -> Void = { veilleur_trim_heap() }
    ) {
        self.interval = interval
        self.now = now
        self.trim = trim
    }

    /// Trims unless the last trim was less than ``interval`` ago; the first call only starts the count.
    func trimIfDue() {
        let now = now()
        let due = last.withLock { last in
            guard let previous = last else {
                last = now
                return false
            }
            guard now - previous >= interval else { return false }
            last = now
            return true
        }
        if due { trim() }
    }
}
