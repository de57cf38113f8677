import ArgumentParser
import Configuration
import Daemon
import Foundation
import Model
import Scheduling

/// `veilleur digest`: write the digests of a day now.
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the digests of a day now, with every match not yet in a digest.",
        discussion: """
            Writing a day again rewrites its files with the same items plus anything matched since. The day \
            must not be after today in the digest time zone, nor before the day the first item was stored; \
            while nothing is stored, only today can be written. Prints the paths written, one a line; on a \
            terminal, a progress line on standard error counts the profiles. With --send, each digest is also \
            e-mailed to its profile's deliver.email recipients through the smtp: server of veilleur.yaml, at \
            most once per recipient (a digest already sent to someone is not sent again), and the e-mails \
            still due (retries) go too; one that fails is recorded and the daemon retries it.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("The day (YYYY-MM-DD), from the first stored item's to today; today in the digest time zone by default.", valueName: "date"))
    var date: String?
    @Flag(name: .long, help: "Also e-mail each digest to its profile's deliver.email recipients (needs smtp: in veilleur.yaml).")
    var send = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var progress: ProgressOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let date, !Self.isCalendarDate(date) {
            throw ValidationError("--date must be a day such as 2026-11-26, not '\(date)'.")
        }
    }

    /// `YYYY-MM-DD` naming a day that exists.
    static func isCalendarDate(_ text: String) -> Bool {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3)
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let configuration = try config.load()
        let lock = try await state.lock(.digest, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        let database = try state.databaseChoice(configuration.configuration.settings)
        let pipeline = try await Pipeline(configuration: configuration, state: state.layout, database: database.location, logger: logger)
        let now = Date()
        var period = pipeline.loaded.digestSchedule.period(of: now)
        if let date { period = try await pipeline.requestedDigestDay(date).description }
        let line = progress.line(title: "digest")
        defer { line?.finish() }
        if send, pipeline.mailer == nil {
            await pipeline.leave()
            throw CommandFailure(.invalidConfiguration, "--send needs an smtp: section in veilleur.yaml", next: "add host, from and tls (see docs/email.md)")
        }
        let written: [String: [URL]]
        var report: DeliveryReport?
        do {
            written = try await pipeline.writeDigests(period: period, cutoff: now, queuesEmails: send) { line?.update(ProgressSnapshot($0)) }
            if send { report = await pipeline.deliverDueEmails() }
        } catch {
            await pipeline.leave()
            throw error
        }
        await pipeline.leave()
        line?.finish()
        for profile in written.keys.sorted() {
            for url in written[profile] ?? [] { print(url.path) }
        }
        if let report, report.retried + report.failed > 0 {
            throw CommandFailure(
                .failure, "\(report.sent) e-mails sent, \(report.retried) to retry, \(report.failed) given up",
                next: "the log says why; the daemon retries those still due (veilleur run)")
        }
    }
}
