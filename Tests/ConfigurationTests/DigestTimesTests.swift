import Configuration
import Foundation
import Model
import Testing

/// A profile's `digest` key: daily, weekly or both, French or English day names, and its mistakes at
/// file:line:col.
@Suite("Profile digest schedules")
struct DigestTimesTests {
    private func load(_ digest: String) throws -> (profile: Profile?, issues: [String], path: String) {
        let folder = try ConfigFolder(files: [
            "sources.yaml": twoSources,
            "profiles/p.yaml": "kind: cluster\ntopics:\n  - name: T\n    any: [port]\n" + digest,
        ])
        let path = folder.path("profiles/p.yaml")
        do {
            let configuration = try Configuration.load(directory: folder.url)
            return (configuration.profiles.first, [], path)
        } catch {
            return (nil, error.issues.map(\.description), path)
        }
    }

    @Test("A profile without digest follows veilleur.yaml")
    func absentKey() throws {
        let loaded = try load("")
        #expect(loaded.issues.isEmpty)
        #expect(loaded.profile?.digestTimes == nil)
    }

    @Test("Daily and weekly times are read, with the day named in French or English in any case", arguments: [
        ("lundi", 1), ("Mardi", 2), ("MERCREDI", 3), ("jeudi", 4), ("vendredi", 5), ("samedi", 6), ("dimanche", 7),
        ("monday", 1), ("Tuesday", 2), ("wednesday", 3), ("THURSDAY", 4), ("friday", 5), ("saturday", 6), ("sunday", 7),
    ])
    func bothSchedules(day: String, weekday: Int) throws {
        let loaded = try load("digest: {daily: \"6:45\", weekly: {day: \(day), time: \"18:30\"}, timezone: America/Montreal}\n")
        #expect(loaded.issues.isEmpty)
        #expect(loaded.profile?.digestTimes == DigestTimes(
            daily: .init(hour: 6, minute: 45), weekly: .init(weekday: weekday, time: .init(hour: 18, minute: 30)),
            timeZone: "America/Montreal"))
    }

    @Test("A weekly schedule alone writes no daily digest")
    func weeklyAlone() throws {
        let loaded = try load("digest:\n  weekly: {day: lundi, time: \"08:00\"}\n")
        #expect(loaded.issues.isEmpty)
        #expect(loaded.profile?.digestTimes == DigestTimes(weekly: .init(weekday: 1, time: .init(hour: 8, minute: 0))))
    }

    struct Mistake: CustomTestStringConvertible, Sendable {
        var what: String
        var digest: String
        /// `line:col: message` of each issue.
        var issues: [String]
        var testDescription: String { what }
    }

    static let mistakes: [Mistake] = [
        Mistake(what: "an unknown day", digest: "digest:\n  weekly: {day: lunedi, time: \"08:00\"}\n", issues: [
            "6:17: unknown day 'lunedi'; expected lundi…dimanche or monday…sunday",
        ]),
        Mistake(what: "a time out of range", digest: "digest: {daily: \"24:00\"}\n", issues: [
            "5:17: expected a time of day as 'HH:MM' (00:00 to 23:59), found '24:00'",
        ]),
        Mistake(what: "a time with a sign", digest: "digest: {daily: \"+7:00\"}\n", issues: [
            "5:17: expected a time of day as 'HH:MM' (00:00 to 23:59), found '+7:00'",
        ]),
        Mistake(what: "a weekly schedule without its time", digest: "digest:\n  weekly: {day: friday}\n", issues: [
            "6:11: missing key 'time'",
        ]),
        Mistake(what: "an unknown time zone", digest: "digest:\n  daily: \"07:00\"\n  timezone: Europe/Pariss\n", issues: [
            "7:13: unknown time zone 'Europe/Pariss'; expected an IANA identifier such as 'Europe/Paris' or 'UTC'",
        ]),
        Mistake(what: "neither daily nor weekly", digest: "digest: {timezone: UTC}\n", issues: [
            "5:9: digest needs daily, weekly or both, such as daily: \"07:00\" or weekly: {day: lundi, time: \"08:00\"}",
        ]),
        Mistake(what: "an unknown key", digest: "digest: {daily: \"07:00\", monthly: \"1\"}\n", issues: [
            "5:26: unknown key 'monthly'; expected one of: daily, weekly, timezone, layout",
        ]),
    ]

    @Test("Mistakes are reported at their file:line:col", arguments: mistakes)
    func mistake(_ mistake: Mistake) throws {
        let loaded = try load(mistake.digest)
        #expect(loaded.issues.map { $0.replacingOccurrences(of: loaded.path + ":", with: "") } == mistake.issues)
    }
}
