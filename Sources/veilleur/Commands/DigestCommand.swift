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
        abstract: "Write the digests of a day or a week now, with every match not yet in a digest of that kind.",
        discussion: """
            Writing a day again rewrites its files with the same items plus anything matched since. The day \
            must not be after today in the digest time zone, nor before the day the first item was stored; \
            while nothing is stored, only today can be written. A day is written for the profiles with a daily \
            schedule, a week (2026-W48) for those with a weekly one; without --date, today and, if any \
            profile has a weekly schedule, this week. Prints the paths written, one a line; on a \
            terminal, a progress line on standard error counts the profiles. With --send, each digest is also \
            e-mailed to its profile's deliver.email recipients through the smtp: server of veilleur.yaml, at \
            most once per recipient (a digest already sent to someone is not sent again), and the e-mails \
            still due (retries) go too; one that fails is recorded and the daemon retries it.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The day (YYYY-MM-DD) or ISO week (YYYY-Www), from the first stored item's to today; today in the digest time zone by default.",
            valueName: "date"))
    var date: String?
    @Flag(name: .long, help: "Also e-mail each digest to its profile's deliver.email recipients (needs smtp: in veilleur.yaml).")
    var send = false
    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var progress: ProgressOptions
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let date, DigestPeriod(date) == nil {
            throw ValidationError("--date must be a day such as 2026-11-26 or a week such as 2026-W48, not '\(date)'.")
        }
    }

    func run() async throws {
        let logger = logging.bootstrap()
        let configuration = try config.load()
        let lock = try await state.lock(.digest, logger: logger)
        defer { withExtendedLifetime(lock) {} }
        let database = try state.databaseChoice(configuration.configuration.settings)
        let pipeline = try await Pipeline(configuration: configuration, state: state.layout, database: database.location, logger: logger)
        let now = Date()
        // Without --date: today for the daily schedules and this week for the weekly ones.
        let today = pipeline.loaded.digestSchedule.day(of: now)
        var periods = [today]
        if pipeline.loaded.digestPlan.entries.contains(where: { $0.schedule.kind == .week }) { periods.append(today.week) }
        if let date { periods = [try await pipeline.requestedDigestDay(date)] }
        let line = progress.line(title: "digest")
        defer { line?.finish() }
        if send, pipeline.mailer == nil {
            await pipeline.leave()
            throw CommandFailure(.invalidConfiguration, "--send needs an smtp: section in veilleur.yaml", next: "add host, from and tls (see docs/email.md)")
        }
        var written: [String: [URL]] = [:]
        var report: DeliveryReport?
        do {
            for period in periods {
                let files = try await pipeline.writeDigests(period: period.description, cutoff: now, queuesEmails: send) {
                    line?.update(ProgressSnapshot($0))
                }
                written.merge(files) { first, second in first + second }
            }
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
