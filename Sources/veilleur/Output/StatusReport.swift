import Configuration
import Daemon
import Foundation
import Model
import Scheduling
import Storage

/// How the watch is doing, read once from the configuration and the store, then shown as lines for a
/// person or as JSON for a script.
///
/// JSON shape, version `veilleur.status/1` (a new version string for any incompatible change), on one line:
/// ```
/// {"schema": "veilleur.status/1",
///  "state": "/var/lib/veilleur", "database": "sqlite:/var/lib/veilleur/veilleur.sqlite", "database_bytes": 52428800 | null,
///  "sources": {"configured": 2000, "ok": 1980, "failing": 15, "never_fetched": 5},
///  "last_crawl": "2026-11-26T06:01:12Z" | null,
///  "today": {"day": "2026-11-26", "time_zone": "Europe/Paris", "new_items": 4211, "new_matches": 310, "new_alerts": 2},
///  "alerts": {"awaiting_file": 0, "awaiting_command": 3, "retrying": 1, "abandoned_today": 0},
///  "stored_items": 912345, "pending_matches": 310,
///  "last_digest": "2026-11-26T06:00:03Z" | null,
///  "next_digest": "2026-11-27T06:00:00Z",
///  "crawl_lag": {"overdue_sources": 12, "most_overdue_seconds": 7500},
///  "failing_longest": [{"name": "prefecture-69", "last_success": "2026-11-20T08:00:00Z" | null,
///                       "consecutive_failures": 31, "last_error": "GET … → HTTP 503"}],
///  "metrics": {"endpoint": "http://127.0.0.1:9464/metrics" | null, "textfile": "/var/lib/veilleur/metrics/veilleur.prom" | null}}
/// ```
/// `sources` counts configured sources only (`ok` = fetched and not failing); `today` is the current day
/// in the digest time zone; `database` has any password masked; `database_bytes` is the SQLite file's size
/// with its write-ahead log, or what PostgreSQL reports; null when it cannot be read. `crawl_lag` counts the
/// configured sources past their due time and how late the earliest is (0 when none): a lag that keeps
/// growing while the daemon runs means the crawl cannot keep up. `failing_longest` lists at most five
/// failing sources, those without a success for longest first (never first). `alerts` counts the immediate
/// alerts still waiting for their file or their command (`retrying`: those whose command failed at least once
/// already), and those abandoned today. Dates are ISO 8601 in UTC.
struct StatusReport {
    static let schema = "veilleur.status/1"

    var state: String
    /// The database as it can be shown: a password masked.
    var database: String
    /// The SQLite file's size; nil for a server.
    var databaseBytes: Int?
    var configured: Int
    var ok: Int
    var failing: Int
    var neverFetched: Int
    var activity: Activity
    /// Immediate alerts: raised and abandoned today, waiting now.
    var alerts: AlertTally
    var today: String
    var timeZone: String
    var nextDigest: Date
    /// The schedule of the next digest: `07:00 Europe/Paris` for veilleur.yaml's, else as a profile gives it
    /// (`weekly monday 08:00 Europe/Paris`).
    var digestTime: String
    /// Configured sources past their due time, and how late the earliest of them is, in seconds.
    var overdue: Int
    var mostOverdue: TimeInterval
    /// At most five failing sources, without a success for longest first.
    var failingLongest: [SourceState]
    /// Where the daemon publishes its metrics, as configured.
    var metricsEndpoint: String?
    var metricsTextfile: String?

    /// How many failing sources the report names.
    static let failingShown = 5

    /// Reads the report for `configured` sources from `store`, with `now` deciding today and the next digest.
    init(
        layout: StateLayout, database location: DatabaseLocation, store: any Store, sources configuredNames: Set<String>,
        schedule: DigestSchedule, plan: DigestPlan? = nil, metrics: MetricsSettings, now: Date
    ) async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = schedule.timeZone
        activity = try await store.activity(since: calendar.startOfDay(for: now))
        alerts = try await store.alertTally(since: calendar.startOfDay(for: now))
        let states = try await store.sourceStates().filter { configuredNames.contains($0.name) }
        state = layout.root.path
        database = location.description
        databaseBytes = (try? await store.databaseSize()).map { Int($0) }
        configured = configuredNames.count
        failing = states.filter { $0.consecutiveFailures > 0 }.count
        neverFetched = configured - states.filter { $0.lastFetchAt != nil }.count
        ok = states.count - failing - neverFetched
        today = schedule.day(of: now).description
        timeZone = schedule.timeZone.identifier
        // The earliest due time among the schedules profiles follow (their own, or veilleur.yaml's).
        let next = (plan?.entries.map(\.schedule) ?? [schedule]).map { ($0, $0.nextRun(after: now)) }.min { $0.1 < $1.1 }
            ?? (schedule, schedule.nextRun(after: now))
        nextDigest = next.1
        digestTime = next.0 == schedule ? String(format: "%02d:%02d \(schedule.timeZone.identifier)", schedule.hour, schedule.minute) : "\(next.0)"
        let late = states.filter { !$0.retired && $0.nextDueAt < now }
        overdue = late.count
        mostOverdue = late.map { now.timeIntervalSince($0.nextDueAt) }.max() ?? 0
        failingLongest = Array(
            states.filter { $0.consecutiveFailures > 0 && !$0.retired }
                .sorted { a, b in
                    let (since, other) = (a.lastSuccessAt ?? .distantPast, b.lastSuccessAt ?? .distantPast)
                    return since != other ? since < other : a.consecutiveFailures != b.consecutiveFailures
                        ? a.consecutiveFailures > b.consecutiveFailures : a.name < b.name
                }
                .prefix(Self.failingShown))
        metricsEndpoint = metrics.listen.map { "http://\($0)/metrics" }
        metricsTextfile = metrics.textfile ? layout.metricsTextfile.path : nil
    }

    /// The lines `veilleur status` prints.
    var text: String {
        var lines = ["state: \(state)", "database: \(database)" + (databaseBytes.map { String(format: " (%.1f MB)", Double($0) / 1_000_000) } ?? "")]
        var sources = "sources: \(configured) configured, \(ok) ok, \(failing) failing"
        if neverFetched > 0 { sources += ", \(neverFetched) never fetched" }
        lines.append(sources + (failing > 0 ? " (details: veilleur sources list)" : ""))
        lines.append("last crawl: \(activity.lastFetchAt.map { $0.formatted(.iso8601) } ?? "never")")
        lines.append("today (\(timeZone)): \(activity.newItems) new items, \(activity.newMatches) new matches, \(alerts.raised) alerts")
        if alerts.awaitingFile + alerts.awaitingCommand + alerts.abandoned > 0 {
            var waiting = "alerts: \(alerts.awaitingFile) waiting for their file, \(alerts.awaitingCommand) for their command"
            if alerts.retrying > 0 { waiting += " (\(alerts.retrying) after a failure)" }
            if alerts.abandoned > 0 { waiting += ", \(alerts.abandoned) abandoned today" }
            lines.append(waiting + (alerts.retrying + alerts.abandoned > 0 ? " (details: the daemon's log)" : ""))
        }
        lines.append("stored: \(activity.totalItems) items; \(activity.pendingMatches) matches wait for the next digest")
        lines.append("last digest: \(activity.lastDigestAt.map { $0.formatted(.iso8601) } ?? "never")")
        lines.append("next digest: \(nextDigest.formatted(.iso8601)) (\(digestTime))")
        lines.append(
            overdue == 0 ? "crawl lag: no source overdue"
                : "crawl lag: \(overdue) source\(overdue == 1 ? "" : "s") overdue, the earliest by \(IntervalText.compact(mostOverdue))")
        if !failingLongest.isEmpty {
            lines.append("failing longest:")
            for source in failingLongest {
                let since = source.lastSuccessAt.map { "no success since \($0.formatted(.iso8601))" } ?? "never succeeded"
                let error = source.lastError.map { ": \(TerminalText.escaped($0))" } ?? ""
                lines.append("  \(TerminalText.escaped(source.name)) (\(since), \(source.consecutiveFailures) failures)\(error)")
            }
        }
        let published = [metricsEndpoint, metricsTextfile.map { "textfile \($0)" }].compactMap { $0 }
        lines.append("metrics: " + (published.isEmpty ? "not published (metrics: in veilleur.yaml)" : published.joined(separator: "; ")))
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            ("schema", .string(Self.schema)),
            ("state", .string(state)),
            ("database", .string(database)),
            ("database_bytes", databaseBytes.map { .integer($0) } ?? .null),
            ("sources", .object([
                ("configured", .integer(configured)), ("ok", .integer(ok)), ("failing", .integer(failing)),
                ("never_fetched", .integer(neverFetched)),
            ])),
            ("last_crawl", .date(activity.lastFetchAt)),
            ("today", .object([
                ("day", .string(today)), ("time_zone", .string(timeZone)),
                ("new_items", .integer(activity.newItems)), ("new_matches", .integer(activity.newMatches)),
                ("new_alerts", .integer(alerts.raised)),
            ])),
            ("alerts", .object([
                ("awaiting_file", .integer(alerts.awaitingFile)), ("awaiting_command", .integer(alerts.awaitingCommand)),
                ("retrying", .integer(alerts.retrying)), ("abandoned_today", .integer(alerts.abandoned)),
            ])),
            ("stored_items", .integer(activity.totalItems)),
            ("pending_matches", .integer(activity.pendingMatches)),
            ("last_digest", .date(activity.lastDigestAt)),
            ("next_digest", .date(nextDigest)),
            ("crawl_lag", .object([("overdue_sources", .integer(overdue)), ("most_overdue_seconds", .integer(Int(mostOverdue.rounded())))])),
            ("failing_longest", .array(failingLongest.map { source in
                .object([
                    ("name", .string(source.name)), ("last_success", .date(source.lastSuccessAt)),
                    ("consecutive_failures", .integer(source.consecutiveFailures)), ("last_error", .optional(source.lastError)),
                ])
            })),
            ("metrics", .object([("endpoint", .optional(metricsEndpoint)), ("textfile", .optional(metricsTextfile))])),
        ])
    }
}
