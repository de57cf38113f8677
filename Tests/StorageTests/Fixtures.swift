import Foundation
import Model
import Storage

/// A fixed instant, so that tests never read the clock.
let t0 = Date(timeIntervalSince1970: 1_795_000_000)

func source(_ name: String, _ url: String? = nil) -> Source {
    Source(name: name, url: url ?? "https://\(name).example/feed.xml")
}

func entry(guid: String?, link: String?, title: String = "Un titre", matches: [Match] = []) -> ItemWithMatches {
    ItemWithMatches(item: FeedItem(id: guid, title: title, link: link, published: t0), matches: matches)
}

func match(_ profile: String, _ score: Double) -> Match {
    Match(profile: profile, score: score, topics: ["XR"], terms: ["casque"])
}

func fetch(
    _ source: String, at date: Date = t0, outcome: FetchOutcome = .modified(etag: "\"v1\"", lastModified: nil),
    _ items: [ItemWithMatches] = []
) -> FetchRecord {
    FetchRecord(source: source, fetchedAt: date, outcome: outcome, nextDueAt: date.addingTimeInterval(3600), items: items)
}
