import Foundation
import Model

/// Which profiles each digest schedule writes: profiles that share a schedule (the daemon's daily time of
/// `veilleur.yaml`, or one their `digest` key gives) are written together at its due time.
///
/// Among daemons sharing a database, a schedule's period is claimed under a lease name: the period itself
/// (`2026-11-27`) for `veilleur.yaml`'s schedule, as before per-profile schedules, and the period followed
/// by the schedule (`2026-W48 weekly monday 08:00 Europe/Paris`) for any other, so that two schedules
/// writing periods of the same name never take each other's lease.
public struct DigestPlan: Sendable {
    /// One schedule and the ids of the profiles it writes, in configuration order.
    public struct Entry: Sendable, Equatable {
        public var schedule: DigestSchedule
        public var profiles: [String]

        public init(schedule: DigestSchedule, profiles: [String]) {
            self.schedule = schedule
            self.profiles = profiles
        }
    }

    /// The daemon-wide schedule of `veilleur.yaml`: what a profile without `digest` follows.
    public let standard: DigestSchedule
    /// Every schedule at least one profile follows: daily ones first, then by time and zone.
    public let entries: [Entry]
    private let schedulesByProfile: [String: [DigestSchedule]]

    public init(profiles: [Profile], standard: DigestSchedule) {
        self.standard = standard
        var order: [DigestSchedule] = []
        var members: [DigestSchedule: [String]] = [:]
        var byProfile: [String: [DigestSchedule]] = [:]
        for profile in profiles {
            let schedules = DigestSchedule.schedules(of: profile, standard: standard)
            byProfile[profile.id] = schedules
            for schedule in schedules {
                if members[schedule] == nil { order.append(schedule) }
                members[schedule, default: []].append(profile.id)
            }
        }
        self.schedulesByProfile = byProfile
        self.entries = order
            .sorted { ($0.kind == .week ? 1 : 0, $0.description) < ($1.kind == .week ? 1 : 0, $1.description) }
            .map { Entry(schedule: $0, profiles: members[$0] ?? []) }
    }

    /// The schedule of `period`'s kind that `profile` follows, if it follows one.
    public func schedule(of profile: String, for kind: DigestPeriod.Kind) -> DigestSchedule? {
        schedulesByProfile[profile]?.first { $0.kind == kind }
    }

    /// The name `period` of `schedule` is claimed under among daemons sharing a database.
    public func leaseName(_ period: DigestPeriod, of schedule: DigestSchedule) -> String {
        schedule == standard ? period.description : "\(period) \(schedule)"
    }

    /// The lease name of `profile`'s digest of `period`: under its schedule of that kind, or the period
    /// alone when it follows none (its configuration changed since the digest was committed).
    public func leaseName(of profile: String, period: DigestPeriod) -> String {
        schedule(of: profile, for: period.kind).map { leaseName(period, of: $0) } ?? period.description
    }

    /// The latest local day among the plan's time zones at `date`: no digest folder can be dated later.
    public func latestDay(at date: Date) -> DigestPeriod {
        entries.map { $0.schedule.day(of: date) }.reduce(standard.day(of: date)) { max($0, $1) }
    }
}
