@testable import Daemon
import Synchronization
import Testing

@Suite struct ProcessingPermitsTests {
    @Test("no more holders than permits at once, and every waiter gets one", arguments: [1, 2, 3])
    func boundedAndFair(permits: Int) async {
        let gate = ProcessingPermits(count: permits)
        let holders = Holders()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    await gate.with {
                        holders.enter()
                        // Gives the other tasks every chance to enter while this one holds its permit.
                        for _ in 0..<8 { await Task.yield() }
                        holders.leave()
                    }
                }
            }
        }
        let counts = holders.counts
        #expect(counts.done == 24)
        #expect(counts.peak <= permits, "peak holders: \(counts.peak)")
        #expect(counts.active == 0)
    }

    @Test("a count below one still lets documents through, one at a time")
    func atLeastOne() async {
        let gate = ProcessingPermits(count: 0)
        let value = await gate.with { 42 }
        #expect(value == 42)
    }
}

/// Counts the tasks holding a permit.
private final class Holders: Sendable {
    struct Counts {
        var active = 0
        var peak = 0
        var done = 0
    }

    private let state = Mutex(Counts())

    var counts: Counts { state.withLock { $0 } }

    func enter() {
        state.withLock { counts in
            counts.active += 1
            counts.peak = max(counts.peak, counts.active)
        }
    }

    func leave() {
        state.withLock { counts in
            counts.active -= 1
            counts.done += 1
        }
    }
}
