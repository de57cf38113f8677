import Alerts
import Foundation
import Logging
import Model
import Testing

@Suite("Alert dispatcher")
struct AlertDispatcherTests {
    private let logger = Logger(label: "test")

    @Test("Pending alerts get one file each and, with no command, are delivered")
    func filesOnly() async throws {
        let folder = try TemporaryFolder()
        let ledger = MemoryLedger([alert(id: 1, itemID: 10), alert(id: 2, profile: "mer", itemID: 10)])
        let dispatcher = AlertDispatcher(ledger: ledger, folder: AlertFolder(url: folder.url), command: nil, logger: logger, clock: { t0 })
        #expect(await dispatcher.writePending() == 2)
        #expect(await dispatcher.writePending() == 0)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path)) == ["hydrogene-10.json", "mer-10.json"])
        #expect(await ledger.state(of: 1) == .delivered)
    }

    @Test("A failing command is retried after its backoff, then succeeds, and is run no more")
    func retried() async throws {
        let folder = try TemporaryFolder()
        let marker = folder.url.appendingPathComponent("failed-once").path
        let record = folder.url.appendingPathComponent("received.json").path
        // Fails the first time, then records what it reads.
        let script = try folder.script("flaky", "if [ ! -e \"\(marker)\" ]; then touch \"\(marker)\"; exit 1; fi; cat > \"\(record)\"")
        let clock = TestClock()
        let ledger = MemoryLedger([alert()])
        let dispatcher = AlertDispatcher(
            ledger: ledger, folder: AlertFolder(url: folder.url.appendingPathComponent("alerts")),
            command: AlertCommand(arguments: [script], timeout: .seconds(30)), backoff: RetryBackoff(first: 30), logger: logger,
            clock: { clock.date })
        await dispatcher.writePending()
        #expect(await dispatcher.runDueCommands() == 0)
        #expect(await ledger.attempts == [.retry(at: t0.addingTimeInterval(30))])
        #expect(await dispatcher.runDueCommands() == 0)  // not due yet
        clock.advance(30)
        #expect(await dispatcher.runDueCommands() == 1)
        #expect(await ledger.state(of: 1) == .delivered)
        #expect(try Data(contentsOf: URL(fileURLWithPath: record)) == AlertDocument(alert(attempts: 1)).encoded())
        #expect(await dispatcher.runDueCommands() == 0)
    }

    @Test("A command failing every time is abandoned after the last attempt")
    func abandoned() async throws {
        let folder = try TemporaryFolder()
        let script = try folder.script("fail", "exit 1")
        let clock = TestClock()
        let ledger = MemoryLedger([alert()])
        let dispatcher = AlertDispatcher(
            ledger: ledger, folder: AlertFolder(url: folder.url.appendingPathComponent("alerts")),
            command: AlertCommand(arguments: [script], timeout: .seconds(30)), backoff: RetryBackoff(first: 1, longest: 1, attempts: 3),
            logger: logger, clock: { clock.date })
        await dispatcher.writePending()
        for _ in 0..<5 {
            await dispatcher.runDueCommands()
            clock.advance(1)
        }
        #expect(await ledger.state(of: 1) == .abandoned)
        #expect(await ledger.attempts.count == 3)
    }

    @Test("The backoff doubles from its first delay up to its longest, then gives up")
    func backoff() {
        let backoff = RetryBackoff(first: 30, longest: 100, attempts: 4)
        #expect(backoff.next(afterFailures: 1, now: t0) == .retry(at: t0.addingTimeInterval(30)))
        #expect(backoff.next(afterFailures: 2, now: t0) == .retry(at: t0.addingTimeInterval(60)))
        #expect(backoff.next(afterFailures: 3, now: t0) == .retry(at: t0.addingTimeInterval(100)))
        #expect(backoff.next(afterFailures: 4, now: t0) == .abandoned)
    }
}
