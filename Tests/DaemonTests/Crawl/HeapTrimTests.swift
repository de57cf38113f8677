import Synchronization
import Testing

@testable import Daemon

@Suite("Trimming the C heap during a crawl")
struct HeapTrimTests {
    /// A clock the test moves, and a count of the trims asked for.
    private final class Probe: Sendable {
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        let trims = Mutex(0)

        func advance(_ duration: Duration) { elapsed.withLock { $0 += duration } }
        var now: ContinuousClock.Instant { start + elapsed.withLock { $0 } }
        var count: Int { trims.withLock { $0 } }
    }

    @Test("The heap is trimmed at most once per interval, never on the first call, and again once the interval has passed")
    func trimsAtMostOncePerInterval() {
        let probe = Probe()
        let heapTrim = HeapTrim(interval: .seconds(1), now: { probe.now }, trim: { probe.trims.withLock { $0 += 1 } })
        heapTrim.trimIfDue()
        #expect(probe.count == 0)
        probe.advance(.milliseconds(999))
        heapTrim.trimIfDue()
        #expect(probe.count == 0)
        probe.advance(.milliseconds(1))
        heapTrim.trimIfDue()
        heapTrim.trimIfDue()
        #expect(probe.count == 1)
        probe.advance(.seconds(5))
        heapTrim.trimIfDue()
        #expect(probe.count == 2)
    }

    @Test("Trimming the real heap leaves live allocations intact")
    func realTrimKeepsLiveMemory() {
        let kept = [UInt8](repeating: 7, count: 1 << 20)
        var freed: [[UInt8]]? = (0..<64).map { [UInt8](repeating: UInt8($0), count: 64 << 10) }
        #expect(freed?.count == 64)
        freed = nil
        let probe = Probe()
        let heapTrim = HeapTrim(interval: .zero, now: { probe.now })
        heapTrim.trimIfDue()
        heapTrim.trimIfDue()
        #expect(kept.allSatisfy { $0 == 7 })
    }
}
