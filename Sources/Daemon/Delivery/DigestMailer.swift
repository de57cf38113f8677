import Configuration
import Foundation
import Logging
import Mail
import Model
import Storage

/// E-mails the digests queued by ``DigestJob``, once their files are written: one message per recipient,
/// the Markdown digest as text/plain and the HTML one as text/html.
///
/// At most once per recipient: each delivery is marked `sending` in the store (a claim no other process
/// takes) before the SMTP session, and `sent` after. A process killed in between leaves it `sending`; the
/// next round finds it and records it failed without sending it again, since the server may have taken
/// the message. The cost is that such a digest may be missing from one inbox (the files stay, and the log
/// and `deliveries` table say so) rather than arrive twice. Any other failure is retried (``DeliveryRetry``).
public struct DigestMailer: Sendable {
    let store: any Store
    let settings: SMTPSettings
    let profiles: [String: Profile]
    let timeZone: TimeZone
    let logger: Logger
    let clock: @Sendable () -> Date
    let retry: DeliveryRetry
    let metrics: DaemonMetrics

    public init(
        store: any Store, settings: SMTPSettings, profiles: [Profile], timeZone: TimeZone, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }, retry: DeliveryRetry = DeliveryRetry(), metrics: DaemonMetrics = DaemonMetrics()
    ) {
        self.store = store
        self.settings = settings
        self.profiles = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.timeZone = timeZone
        self.logger = logger
        self.clock = clock
        self.retry = retry
        self.metrics = metrics
    }

    /// A delivery still `sending` this long after its claim was interrupted: deliveries are claimed one at
    /// a time, just before their message, which the SMTP timeout bounds, so its sender is gone.
    var interruptedAfter: TimeInterval {
        Double(settings.timeout.components.seconds) + 300
    }

    /// Records the interrupted deliveries as failed, then sends the deliveries due now one after the
    /// other, each claimed just before its message, until none is left or `stop` is requested (the message
    /// in flight is finished and recorded first). Errors are logged and recorded, never thrown: a store that
    /// cannot be read ends the round early.
    @discardableResult
    public func deliverDue(stop: StopRequest = StopRequest()) async -> DeliveryReport {
        var report = DeliveryReport()
        do throws(StorageError) {
            let now = clock()
            for delivery in try await store.abandonInterruptedDeliveries(claimedBefore: now.addingTimeInterval(-interruptedAfter), now: now) {
                logger.error(
                    "digest e-mail interrupted while sending; not sent again",
                    metadata: ["profile": "\(delivery.profile)", "period": "\(delivery.period)", "recipient": "\(delivery.recipient)"])
                report.failed += 1
            }
            while !stop.isRequested, let delivery = try await store.claimDueDeliveries(now: clock(), limit: 1).first {
                let outcome = await attempt(delivery)
                try await store.finishDelivery(id: delivery.id, outcome: outcome, now: clock())
                log(delivery, outcome)
                metrics.emailed(delivery.profile, outcome: outcome)
                switch outcome {
                case .sent: report.sent += 1
                case .retry: report.retried += 1
                case .failed: report.failed += 1
                }
            }
        } catch {
            logger.error("digest e-mails not sent; the next round tries again", metadata: ["error": "\(error)"])
        }
        return report
    }

    private func attempt(_ delivery: Delivery) async -> DeliveryOutcome {
        do {
            let message = try message(for: delivery)
            let server = try settings.server()
            try await SMTPClient(server: server).send(try message.rendered(), from: settings.from, to: message.to)
            return .sent
        } catch let error as SMTPError {
            return failure("\(error)", permanent: error.isPermanent, after: delivery.attempts)
        } catch {
            return failure("\(error)", permanent: false, after: delivery.attempts)
        }
    }

    private func failure(_ error: String, permanent: Bool, after attempts: Int) -> DeliveryOutcome {
        switch retry.outcome(afterAttempt: attempts, permanent: permanent, now: clock()) {
        case .retry(let at): .retry(error: error, at: at)
        case .giveUp: .failed(error: error)
        }
    }

    /// The message for `delivery`, read from the digest's Markdown and HTML files.
    func message(for delivery: Delivery) throws -> MailMessage {
        let recipient = try MailAddress(parsing: delivery.recipient)
        let profile = profiles[delivery.profile]
        let name = profile?.name ?? delivery.profile
        let text = try Self.read(delivery.paths, extension: "md", delivery: delivery)
        let html = try Self.read(delivery.paths, extension: "html", delivery: delivery)
        let subject = profile?.language == "en"
            ? "Watch digest: \(name) — \(delivery.period)"
            : "Veille : \(name) — \(delivery.period)"
        let domain = settings.from.domain
        return MailMessage(
            from: settings.from, to: [recipient], subject: Self.singleLine(subject), date: clock(), timeZone: timeZone,
            messageID: MessageID.make([delivery.profile, delivery.period, recipient.address], domain: domain),
            list: (name: Self.singleLine(name), id: ListID.make(profile: delivery.profile, domain: domain)), text: text, html: html)
    }

    /// A header must never hold a line break, whatever a profile's name holds: control characters and line
    /// separators become spaces.
    static func singleLine(_ text: String) -> String {
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let breaks = scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
            line.append(breaks ? " " : scalar)
        }
        return String(line)
    }

    private static func read(_ paths: [String], extension suffix: String, delivery: Delivery) throws -> String {
        guard let path = paths.first(where: { URL(fileURLWithPath: $0).pathExtension == suffix }) else {
            throw MailError(field: "digest", message: "\(delivery.profile) \(delivery.period) has no .\(suffix) file recorded")
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MailError(field: "digest", message: "\(path) cannot be read: \(error.localizedDescription)")
        }
    }

    private func log(_ delivery: Delivery, _ outcome: DeliveryOutcome) {
        var metadata: Logger.Metadata = [
            "profile": "\(delivery.profile)", "period": "\(delivery.period)", "recipient": "\(delivery.recipient)",
            "attempt": "\(delivery.attempts)",
        ]
        switch outcome {
        case .sent:
            logger.info("digest e-mailed", metadata: metadata)
        case .retry(let error, let at):
            metadata["error"] = "\(error)"
            metadata["retry_at"] = "\(at)"
            logger.warning("digest e-mail failed; retried later", metadata: metadata)
        case .failed(let error):
            metadata["error"] = "\(error)"
            logger.error("digest e-mail given up", metadata: metadata)
        }
    }
}
