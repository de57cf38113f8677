import Foundation
import Model

/// One profile's digest for one period: the value both renderers read.
public struct Digest: Sendable, Equatable {
    /// The profile's identifier; also the digest's file name.
    public var profile: String
    /// The profile's display name.
    public var profileName: String
    /// The profile's kind, as declared in its file (shown in the header, kept in the JSON).
    public var kind: String
    /// The language of labels: `fr` (the default for anything else) or `en`.
    public var language: String
    /// The day covered, `YYYY-MM-DD`.
    public var period: String
    /// When the digest was produced.
    public var generatedAt: Date
    /// How many entries the Markdown and the HTML list in full; the JSON lists up to
    /// ``JSONDigest/itemLimit(maxItems:)``.
    public var maxItems: Int
    /// The entries, in any order: renderers rank them.
    public var entries: [DigestEntry]
    /// Entries of the period left out of `entries` because no file would list them (they rank below
    /// every one in `entries`); the formats count them.
    public var omittedEntries: Int
    /// Sources the profile reads that are failing when the digest is written, by name.
    public var failingSources: [FailingSource]
    /// How the Markdown and the HTML list the entries.
    public var layout: DigestLayout
    /// The profile's matches per day up to the period, drawn in the HTML; nil to draw nothing.
    public var trend: MatchTrend?

    public init(
        profile: String, profileName: String, kind: String, language: String, period: String,
        generatedAt: Date, maxItems: Int, entries: [DigestEntry], omittedEntries: Int = 0, failingSources: [FailingSource] = [],
        layout: DigestLayout = .ranked, trend: MatchTrend? = nil
    ) {
        self.profile = profile
        self.profileName = profileName
        self.kind = kind
        self.language = language
        self.period = period
        self.generatedAt = generatedAt
        self.maxItems = maxItems
        self.entries = entries
        self.omittedEntries = omittedEntries
        self.failingSources = failingSources.sorted { $0.name < $1.name }
        self.layout = layout
        self.trend = trend
    }

    /// Every entry of the period, listed or not.
    public var totalEntries: Int { entries.count + omittedEntries }

    /// The entries by score, highest first; ties go to the most recent, then to title and link
    /// so that the order never depends on the input's.
    public var rankedEntries: [DigestEntry] {
        entries.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            switch (a.published, b.published) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.title != b.title { return a.title < b.title }
            return (a.link ?? "") < (b.link ?? "")
        }
    }

    /// The entries the Markdown and the HTML list, as the layout groups them: one untitled group in rank
    /// order, or a group per topic. Either way the entries are the `maxItems` best, each in one group.
    ///
    /// By topic, an entry goes under its strongest topic (the first of ``DigestEntry/topics``), the groups
    /// follow the rank of their best entry and list their entries in rank order, and the entries without a
    /// topic come last under `noTopic`.
    func listedGroups(noTopic: String) -> [(title: String?, entries: [DigestEntry])] {
        let shown = Array(rankedEntries.prefix(max(0, maxItems)))
        guard layout == .byTopic else { return shown.isEmpty ? [] : [(nil, shown)] }
        var order: [String] = []
        var groups: [String: [DigestEntry]] = [:]
        var untopical: [DigestEntry] = []
        for entry in shown {
            guard let topic = entry.topics.map(UntrustedText.plain).first(where: { !$0.isEmpty }) else {
                untopical.append(entry)
                continue
            }
            if groups[topic] == nil { order.append(topic) }
            groups[topic, default: []].append(entry)
        }
        var listed: [(title: String?, entries: [DigestEntry])] = order.map { ($0, groups[$0] ?? []) }
        if !untopical.isEmpty { listed.append((noTopic, untopical)) }
        return listed
    }

    /// What the Markdown and the HTML say below the `shown` entries they list: how many more the JSON
    /// lists, then how many are in no file.
    func unlistedNotes(shown: Int, labels: DigestLabels) -> [String] {
        let inJSON = min(entries.count, JSONDigest.itemLimit(maxItems: maxItems))
        var notes: [String] = []
        if inJSON > shown { notes.append(labels.more(inJSON - shown)) }
        if totalEntries > inJSON { notes.append(labels.omitted(totalEntries - inJSON)) }
        return notes
    }
}
