import ArgumentParser
import Configuration
import Daemon
import Foundation
import Model
import Scheduling
import Storage

/// `veilleur status`: how the watch is doing, in a few lines.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise sources ok and failing, the last crawl, today's items and matches, and the next digest."
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var state: StateOptions

    func run() throws {
        let loaded = try config.load()
        let layout = state.layout
        guard FileManager.default.fileExists(atPath: layout.database.path) else {
            throw ValidationError("no database at \(layout.database.path): the daemon has not run with this state folder yet")
        }
        let store = try SQLiteStore(path: layout.database.path)
        let schedule = loaded.digestSchedule
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = schedule.timeZone
        let activity = try store.activity(since: calendar.startOfDay(for: now))

        let configured = Set(loaded.configuration.sources.map(\.name))
        let states = try store.sourceStates().filter { configured.contains($0.name) }
        let failing = states.filter { $0.consecutiveFailures > 0 }.count
        let never = configured.count - states.filter { $0.lastFetchAt != nil }.count

        var lines = ["state: \(layout.root.path) (database \(Self.megabytes(layout)))"]
        var sources = "sources: \(configured.count) configured, \(states.count - failing - never) ok, \(failing) failing"
        if never > 0 { sources += ", \(never) never fetched" }
        lines.append(sources + (failing > 0 ? " (details: veilleur sources list)" : ""))
        lines.append("last crawl: \(activity.lastFetchAt.map { $0.formatted(.iso8601) } ?? "never")")
        lines.append("today (\(schedule.timeZone.identifier)): \(activity.newItems) new items, \(activity.newMatches) new matches")
        lines.append("stored: \(activity.totalItems) items; \(activity.pendingMatches) matches wait for the next digest")
        lines.append("last digest: \(activity.lastDigestAt.map { $0.formatted(.iso8601) } ?? "never")")
        let next = schedule.nextRun(after: now)
        let localTime = String(format: "%02d:%02d", schedule.hour, schedule.minute)
        lines.append("next digest: \(next.formatted(.iso8601)) (\(localTime) \(schedule.timeZone.identifier))")
        print(lines.joined(separator: "\n"))
    }

    /// The database with its write-ahead log, in megabytes.
    static func megabytes(_ layout: StateLayout) -> String {
        let paths = [layout.database.path, layout.database.path + "-wal"]
        let bytes = paths.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }.reduce(0, +)
        return String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
