import Foundation
import Model

/// A profile's matches per day over the days up to a digest's, in all and per topic: what the trend chart
/// of the HTML digest and of the index draws.
public struct MatchTrend: Sendable, Equatable {
    /// One row of the chart: a name and a count per day of ``MatchTrend/days``.
    public struct Series: Sendable, Equatable {
        /// The topic's name, as the profile spells it (untrusted: renderers escape it).
        public var name: String
        /// Matches each day, oldest first.
        public var counts: [Int]

        public init(name: String, counts: [Int]) {
            self.name = name
            self.counts = counts
        }

        /// Matches over the whole window.
        public var sum: Int { counts.reduce(0, +) }
    }

    /// How many days a trend covers unless told otherwise.
    public static let defaultLength = 30
    /// The most topic rows drawn: a profile with more shows its busiest ones, so the chart stays small.
    public static let topicLimit = 12

    /// The days covered, oldest first; the last is the digest's day.
    public var days: [DigestPeriod]
    /// Matches each day, whatever their topics.
    public var total: Series
    /// One row per topic.
    public var topics: [Series]

    public init(days: [DigestPeriod], total: Series, topics: [Series]) {
        self.days = days
        self.total = total
        self.topics = topics
    }

    /// The `length` days ending on `lastDay` with the counts found for them; a topic of `topicOrder` gets a
    /// row even when it had no match, in that order, and counts under other names are left out.
    /// Beyond ``topicLimit`` topics, the busiest ones are kept, still in `topicOrder`.
    public init(
        endingOn lastDay: DigestPeriod, length: Int = defaultLength, total: [DigestPeriod: Int],
        byTopic: [String: [DigestPeriod: Int]], topicOrder: [String]
    ) {
        let days = Self.days(endingOn: lastDay, count: max(1, length))
        var seen: Set<String> = []
        let names = topicOrder.filter { seen.insert($0).inserted }
        var topics = names.map { name in Series(name: name, counts: days.map { byTopic[name]?[$0] ?? 0 }) }
        if topics.count > Self.topicLimit {
            let kept = Set(topics.indices.sorted { topics[$0].sum > topics[$1].sum || (topics[$0].sum == topics[$1].sum && $0 < $1) }
                .prefix(Self.topicLimit))
            topics = topics.indices.filter(kept.contains).map { topics[$0] }
        }
        self.init(days: days, total: Series(name: "", counts: days.map { total[$0] ?? 0 }), topics: topics)
    }

    /// `count` consecutive days ending on `lastDay`, oldest first.
    public static func days(endingOn lastDay: DigestPeriod, count: Int) -> [DigestPeriod] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let end = calendar.date(from: DateComponents(year: lastDay.year, month: lastDay.month, day: lastDay.day, hour: 12)) else {
            return [lastDay]
        }
        return (0..<count).reversed().compactMap { back in
            calendar.date(byAdding: .day, value: -back, to: end).map { DigestPeriod(of: $0, in: calendar.timeZone) }
        }
    }
}
