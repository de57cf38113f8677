import Configuration
import Daemon
import Foundation
import Logging
import Mail
import Model
import SMTPTestSupport
import Storage
import Synchronization
import Testing

/// Digests e-mailed through a real SMTP server on 127.0.0.1 (Python's aiosmtpd), after their files are
/// written, at most once per recipient.
@Suite("Digest e-mails end to end", .enabled(if: SMTPTestServer.python != nil, "needs python3 with aiosmtpd"))
struct DigestEmailTests {
    /// A clock a test moves by hand.
    final class ManualClock: Sendable {
        /// Whole seconds, so that instants read back from the store compare equal.
        private let now = Mutex(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
        func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
    }

    /// A pipeline on the fixture site whose profile e-mails `recipients` through the server on `port`.
    private func pipeline(
        _ folder: TemporaryFolder, site: FixtureSite, port: Int, recipients: [String], clock: ManualClock
    ) async throws -> Pipeline {
        try folder.write(
            Fixtures.noHostDelay + "smtp:\n  host: 127.0.0.1\n  port: \(port)\n  tls: none\n  timeout_seconds: 20\n"
                + "  from: \"Cellule de veille <veille@example.org>\"\n",
            to: "config/veilleur.yaml")
        try folder.writeFixtureConfiguration(for: site)
        try folder.write(
            Fixtures.profile + "\ndeliver:\n  email: [" + recipients.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n",
            to: "config/profiles/circulaire.yaml")
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"), clock: clock.read)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        // The digests then take every match, made before their cutoff.
        clock.advance(1)
        return pipeline
    }

    @Test("A written digest is e-mailed to each recipient with both forms, and writing it again sends nothing more")
    func digestArrivesOncePerRecipient() async throws {
        let server = try SMTPTestServer()
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let pipeline = try await pipeline(folder, site: site, port: server.port, recipients: ["Marie Dupré <marie@example.fr>", "paul@example.fr"], clock: clock)
        let period = pipeline.today.description

        let written = try await pipeline.writeDigests(period: period, cutoff: clock.read(), queuesEmails: true)
        #expect(await pipeline.deliverDueEmails() == DeliveryReport(sent: 2))
        let received = try server.received()
        #expect(received.map(\.recipients) == [["marie@example.fr"], ["paul@example.fr"]])

        let markdown = try String(contentsOf: try #require(written["circulaire"]?.first { $0.pathExtension == "md" }), encoding: .utf8)
        let html = try String(contentsOf: try #require(written["circulaire"]?.first { $0.pathExtension == "html" }), encoding: .utf8)
        let parsed = try SMTPTestServer.parse(received[0].file)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.subject == "Veille : Test — économie circulaire — \(period)")
        #expect(parsed.from_name == "Cellule de veille")
        #expect(parsed.to == ["marie@example.fr"])
        #expect(parsed.list_id == "\"Test — économie circulaire\" <circulaire.veilleur.example.org>"
            || parsed.list_id == "Test — économie circulaire <circulaire.veilleur.example.org>")
        #expect(parsed.content_type == "multipart/alternative")
        #expect(parsed.longest_line <= 998)
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(parsed.parts.first?.content.replacingOccurrences(of: "\r\n", with: "\n") == markdown)
        #expect(parsed.parts.last?.content.replacingOccurrences(of: "\r\n", with: "\n") == html)
        #expect(markdown.contains("Économie circulaire"))

        try await pipeline.writeDigests(period: period, cutoff: clock.read(), queuesEmails: true)
        #expect(await pipeline.deliverDueEmails() == DeliveryReport())
        #expect(try server.received().count == 2)
        #expect(try await pipeline.store.deliveries(period: period).map(\.state) == [.sent, .sent])
    }

    @Test("A refused recipient is retried with backoff and recorded; the others get the digest")
    func refusedRecipientIsRetried() async throws {
        let server = try SMTPTestServer(refusing: ["paul@example.fr"])
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let pipeline = try await pipeline(folder, site: site, port: server.port, recipients: ["marie@example.fr", "paul@example.fr"], clock: clock)
        let exposition = PrometheusExposition()
        pipeline.metrics = exposition.metrics
        let period = pipeline.today.description
        try await pipeline.writeDigests(period: period, cutoff: clock.read(), queuesEmails: true)
        let start = clock.read()

        #expect(await pipeline.deliverDueEmails() == DeliveryReport(sent: 1, retried: 1))
        var paul = try #require(try await pipeline.store.deliveries(period: period).first { $0.recipient == "paul@example.fr" })
        #expect(paul.state == .queued && paul.attempts == 1)
        #expect(paul.lastError?.contains("550") == true)
        #expect(paul.nextAttemptAt == start.addingTimeInterval(60))
        #expect(await pipeline.deliverDueEmails() == DeliveryReport(), "not due before its retry time")

        clock.advance(60)
        #expect(await pipeline.deliverDueEmails() == DeliveryReport(retried: 1))
        clock.advance(300)
        #expect(await pipeline.deliverDueEmails() == DeliveryReport(failed: 1), "a 5xx refusal is given up after 3 attempts")
        paul = try #require(try await pipeline.store.deliveries(period: period).first { $0.recipient == "paul@example.fr" })
        #expect(paul.state == .failed && paul.attempts == 3)
        #expect(try server.received().map(\.recipients) == [["marie@example.fr"]])
        let metrics = String(decoding: exposition.text(), as: UTF8.self)
        for (result, count) in [("sent", 1), ("retry", 2), ("failed", 1)] {
            #expect(metrics.contains("veilleur_digest_emails_total{profile=\"circulaire\",result=\"\(result)\"} \(count)\n"), "\(metrics)")
        }
    }

    @Test("A server that is down: the failure is recorded, retried later, and the digest files are intact")
    func serverDownKeepsTheDigest() async throws {
        let port = try { try SMTPTestServer().port }()
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let pipeline = try await pipeline(folder, site: site, port: port, recipients: ["marie@example.fr"], clock: clock)
        let period = pipeline.today.description
        let written = try await pipeline.writeDigests(period: period, cutoff: clock.read(), queuesEmails: true)

        #expect(await pipeline.deliverDueEmails() == DeliveryReport(retried: 1))
        let delivery = try #require(try await pipeline.store.deliveries(period: period).first)
        #expect(delivery.state == .queued)
        #expect(delivery.lastError?.contains("smtp://127.0.0.1:\(port)") == true)
        for file in written["circulaire"] ?? [] {
            #expect(FileManager.default.fileExists(atPath: file.path))
        }
        #expect(written["circulaire"]?.count == 3)
        await #expect(try pipeline.store.pendingDigests().isEmpty)
    }

    @Test("A crash between 'sending' and 'sent' never sends the digest twice: the delivery is recorded failed")
    func crashMidSendIsNotRepeated() async throws {
        let server = try SMTPTestServer()
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let pipeline = try await pipeline(folder, site: site, port: server.port, recipients: ["marie@example.fr"], clock: clock)
        let period = pipeline.today.description
        try await pipeline.writeDigests(period: period, cutoff: clock.read(), queuesEmails: true)
        // What a process killed during the SMTP session leaves: the delivery claimed, its outcome never recorded.
        #expect(try await pipeline.store.claimDueDeliveries(now: clock.read(), limit: 10).count == 1)

        #expect(await pipeline.deliverDueEmails() == DeliveryReport(), "a claim still within its time belongs to its sender")
        clock.advance(3600)
        #expect(await pipeline.deliverDueEmails() == DeliveryReport(failed: 1))
        let delivery = try #require(try await pipeline.store.deliveries(period: period).first)
        #expect(delivery.state == .failed)
        #expect(delivery.lastError?.contains("interrupted while sending") == true)
        clock.advance(86_400)
        #expect(await pipeline.deliverDueEmails() == DeliveryReport())
        #expect(try server.received().isEmpty)
    }

    @Test("The daemon sends the e-mails queued while it was stopped, on its own task, and records them sent", .timeLimit(.minutes(1)))
    func daemonSendsQueuedEmails() async throws {
        let server = try SMTPTestServer()
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let clock = ManualClock()
        let period: String
        do {
            let pipeline = try await pipeline(folder, site: site, port: server.port, recipients: ["marie@example.fr"], clock: clock)
            period = pipeline.today.description
            try await pipeline.writeDigests(period: period, cutoff: clock.read(), queuesEmails: true)
            await pipeline.leave()
        }
        let daemon = Daemon(
            configDirectory: folder.configDirectory, state: folder.state, logger: Logger(label: "test"), notifier: SystemdNotifier(environment: [:]))
        let (signals, signal) = AsyncStream<DaemonSignal>.makeStream()
        let running = Task { try await daemon.run(signals: signals) }
        // The daemon's first round sends it; the test waits for the server to have it, for 30 seconds at most.
        let deadline = ContinuousClock.now + .seconds(30)
        while try server.received().isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        signal.yield(.stop)
        try await running.value

        #expect(try server.received().map(\.recipients) == [["marie@example.fr"]])
        let store = try SQLiteStore(path: folder.state.database.path)
        #expect(try await store.deliveries(period: period).map(\.state) == [.sent])
    }

    @Test("Failed attempts are retried after 1, 5 and 15 minutes, then hours, and given up after 8")
    func retrySchedule() {
        let retry = DeliveryRetry()
        let now = Date(timeIntervalSince1970: 0)
        #expect(retry.outcome(afterAttempt: 1, permanent: false, now: now) == .retry(at: now + 60))
        #expect(retry.outcome(afterAttempt: 3, permanent: false, now: now) == .retry(at: now + 900))
        #expect(retry.outcome(afterAttempt: 7, permanent: false, now: now) == .retry(at: now + 43_200))
        #expect(retry.outcome(afterAttempt: 8, permanent: false, now: now) == .giveUp)
        #expect(retry.outcome(afterAttempt: 2, permanent: true, now: now) == .retry(at: now + 300))
        #expect(retry.outcome(afterAttempt: 3, permanent: true, now: now) == .giveUp)
    }
}
