import Daemon
import Foundation
import Model
import Scheduling
import LoopbackHTTP
import Synchronization
import Testing

/// The daemon's decisions, driven through chosen times without waiting: digests at their time whatever
/// the crawl does, a pause after an error, reloads, another daemon's hold, and the clock jumping.
@Suite("What the daemon does next")
struct DaemonAgendaTests {
    private let paris = TimeZone(identifier: "Europe/Paris")!
    private var schedule: DigestSchedule { DigestSchedule(hour: 7, minute: 0, timeZone: paris) }

    /// One profile on `schedule` (or on the daily time `at`, when given).
    private func plan(_ schedule: DigestSchedule? = nil) -> DigestPlan {
        DigestPlan(profiles: [Profile(id: "veille", kind: .cluster, topics: [])], standard: schedule ?? self.schedule)
    }

    /// A moment of December 2026 in Paris (UTC+1).
    private func at(_ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        return calendar.date(from: DateComponents(year: 2026, month: 12, day: day, hour: hour, minute: minute, second: second))!
    }

    private func idle(at now: Date) -> DaemonAgenda {
        var agenda = DaemonAgenda(plan: plan(), now: now, idleCap: 300)
        agenda.nothingDue(next: nil)
        agenda.pruned(next: now.addingTimeInterval(DaemonAgenda.pruneInterval))
        return agenda
    }

    @Test("Sources and retention are looked at once at start; with none due, the 07:00 digest is written at 07:00, not before")
    func digestAtSeven() {
        var agenda = DaemonAgenda(plan: plan(), now: at(7, 6, 50), idleCap: 3600)
        #expect(agenda.steps(at: at(7, 6, 50)) == [.crawl, .prune])
        agenda.nothingDue(next: nil)
        agenda.pruned(next: at(8, 6, 50))
        #expect(agenda.steps(at: at(7, 6, 59, 59)) == [])
        #expect(agenda.wakeTime(after: at(7, 6, 50)) == at(7, 7))
        #expect(agenda.steps(at: at(7, 7)) == [.writeDigest(schedule: schedule, dueAt: at(7, 7))])
        agenda.digestWritten(schedule, at: at(7, 7, 0, 3))
        #expect(agenda.steps(at: at(7, 7, 1)) == [])
        #expect(agenda.nextDigest == at(8, 7))
    }

    @Test("A digest due during a long crawl pass is written at once, and no second pass starts")
    func digestDuringCrawl() {
        var agenda = DaemonAgenda(plan: plan(), now: at(7, 6, 30), idleCap: 300)
        #expect(agenda.steps(at: at(7, 6, 30)) == [.crawl, .prune])
        agenda.crawlStarted()
        agenda.pruned(next: at(8, 6, 30))
        #expect(agenda.steps(at: at(7, 6, 45)) == [])
        // While the pass runs, the loop still wakes for the digest.
        #expect(agenda.wakeTime(after: at(7, 6, 58)) == at(7, 7))
        #expect(agenda.steps(at: at(7, 7)) == [.writeDigest(schedule: schedule, dueAt: at(7, 7))])
        agenda.digestWritten(schedule, at: at(7, 7, 0, 2))
        agenda.crawlEnded(at: at(7, 7, 40))
        #expect(agenda.steps(at: at(7, 7, 40)) == [.crawl], "sources are claimed again as soon as the pass ends")
    }

    @Test("After a storage error nothing starts for five minutes; the digest due meanwhile is written after the pause")
    func pauseAfterError() {
        var agenda = idle(at: at(7, 6, 59))
        agenda.failed(at: at(7, 6, 59))
        #expect(agenda.steps(at: at(7, 7)) == [])
        #expect(agenda.wakeTime(after: at(7, 7)) == at(7, 7, 4))
        #expect(agenda.steps(at: at(7, 7, 4)) == [.writeDigest(schedule: schedule, dueAt: at(7, 7))])
    }

    @Test("A digest another daemon holds is asked for again when its lease ends, not before")
    func heldElsewhere() {
        var agenda = idle(at: at(7, 6, 59))
        agenda.digestHeld(schedule, until: at(7, 7, 10))
        #expect(agenda.steps(at: at(7, 7, 5)) == [])
        #expect(agenda.wakeTime(after: at(7, 7, 5)) == at(7, 7, 10))
        #expect(agenda.steps(at: at(7, 7, 10)) == [.writeDigest(schedule: schedule, dueAt: at(7, 7))])
    }

    @Test("A reload mid-crawl keeps the pass running; a new digest time takes effect, the same one keeps a due digest due")
    func reloadMidCrawl() {
        var agenda = DaemonAgenda(plan: plan(), now: at(7, 6, 30), idleCap: 300)
        agenda.crawlStarted()
        agenda.pruned(next: at(8, 6, 30))
        agenda.reloaded(plan: plan(), at: at(7, 7, 0, 30))
        #expect(agenda.crawling)
        #expect(agenda.steps(at: at(7, 7, 1)) == [.writeDigest(schedule: schedule, dueAt: at(7, 7))])
        agenda.reloaded(plan: plan(DigestSchedule(hour: 8, minute: 0, timeZone: paris)), at: at(7, 7, 2))
        #expect(agenda.steps(at: at(7, 7, 3)) == [])
        #expect(agenda.steps(at: at(7, 8)) == [.writeDigest(schedule: DigestSchedule(hour: 8, minute: 0, timeZone: paris), dueAt: at(7, 8))])
    }

    @Test("The clock going back a day brings the next digest back to the schedule's next time")
    func clockBack() {
        var agenda = idle(at: at(9, 6))
        #expect(agenda.nextDigest == at(9, 7))
        agenda.observe(at(8, 10))
        #expect(agenda.nextDigest == at(9, 7))
        agenda.observe(at(7, 10))
        #expect(agenda.nextDigest == at(8, 7))
    }

    @Test("Days missed while paused are written one by one; a clock jumping a month ahead writes the last week only")
    func catchingUp() {
        var agenda = idle(at: at(7, 6))
        agenda.failed(at: at(7, 6))
        var written: [String] = []
        var now = at(9, 12)
        while case .writeDigest(let due, let dueAt)? = agenda.steps(at: now).first {
            written.append(due.period(of: dueAt))
            agenda.digestWritten(due, at: now)
        }
        #expect(written == ["2026-12-07", "2026-12-08", "2026-12-09"])

        var jumped = idle(at: at(1, 6))
        jumped.pruned(next: .distantFuture)
        now = at(31, 12)
        written = []
        while case .writeDigest(let due, let dueAt)? = jumped.steps(at: now).first, written.count < 40 {
            written.append(due.period(of: dueAt))
            jumped.digestWritten(due, at: now)
        }
        #expect(written.first == "2026-12-01")
        #expect(written.dropFirst() == ["2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"])
    }

    @Test("Retention runs again at once while more is left, then a day later; it never waits behind a crawl pass")
    func retention() {
        var agenda = idle(at: at(7, 8))
        agenda.pruned(next: at(7, 8))
        agenda.crawlStarted()
        #expect(agenda.steps(at: at(7, 8)) == [.prune])
        agenda.pruned(next: at(7, 8) + DaemonAgenda.pruneInterval)
        #expect(agenda.steps(at: at(7, 9)) == [])
        #expect(agenda.steps(at: at(8, 8)).last == .prune)
    }

    @Test("The loop never sleeps past its idle cap, and never wakes in the past")
    func wakeBounds() {
        let agenda = idle(at: at(7, 8))
        #expect(agenda.wakeTime(after: at(7, 8)) == at(7, 8, 5))
        var due = idle(at: at(7, 8))
        due.nothingDue(next: at(7, 7))
        #expect(due.wakeTime(after: at(7, 8)) == at(7, 8))
    }
}

/// The daemon itself: its loop writes the digest at its time while a crawl pass is held up by a slow server.
@Suite("The daemon loop beside a crawl")
struct DaemonLoopTests {
    @Test("The 07:00 digest is written while a crawl pass waits on a slow source, and the pass ends after it")
    func digestWhileCrawling() async throws {
        let gate = Gate()
        let site = try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom], gates: ["/partner.atom": gate])
        defer { site.stop() }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let before = calendar.date(from: DateComponents(year: 2026, month: 12, day: 7, hour: 6, minute: 59, second: 59))!
        let time = Mutex(before)
        let daemon = try DaemonUnderTest(site: site, clock: { time.withLock { $0 } })
        await gate.arrival()
        // The pass is held on the partner's feed. Now it is 07:00:01.
        time.withLock { $0 = before.addingTimeInterval(2) }
        let status = await daemon.socket.receive(until: "digests of 2026-12-07 written")
        #expect(status != nil, "the digest was not written while the crawl waited")
        let digest = daemon.folder.state.digests.appendingPathComponent("2026-12-07/circulaire.md")
        #expect(FileManager.default.fileExists(atPath: digest.path))
        gate.release()
        let pass = await daemon.socket.receive(until: "STATUS=sources: 2 fetched")
        #expect(pass != nil, "the held pass did not end once its source answered")
        try await daemon.stop()
    }
}
