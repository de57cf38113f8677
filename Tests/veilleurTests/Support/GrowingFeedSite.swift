import Foundation
import LoopbackHTTP
import Synchronization

/// A loopback site of RSS feeds that grow while a test runs: feed `N` shows every item published so far,
/// one more every ``step`` seconds (each feed on its own phase), and every third item is about hydrogen.
/// It remembers what it served, so that a test can tell which items a daemon saw and when each feed was read.
final class GrowingFeedSite: Sendable {
    /// One response: feed `feed`, read at `at`, showing items 1…`count`.
    struct Served: Sendable {
        var feed: Int
        var at: Date
        var count: Int
    }

    /// Seconds between two items of a feed.
    static let step: TimeInterval = 4

    let feedCount: Int
    let start: Date
    let server: LoopbackServer
    private let log: ServedLog

    init(feedCount: Int) throws {
        let start = Date()
        let log = ServedLog()
        self.feedCount = feedCount
        self.start = start
        self.log = log
        server = try LoopbackServer(keepAlive: true) { request in
            guard let feed = request.path.wholeMatch(of: /\/feed-(\d+)\.xml/).flatMap({ Int($0.1) }), (1...feedCount).contains(feed) else {
                return HTTPResponse.text("no such feed", status: 404)
            }
            let now = Date()
            let count = Self.visibleItems(feed: feed, at: now, start: start)
            log.append(Served(feed: feed, at: now, count: count))
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(Self.document(feed: feed, count: count).utf8))
        }
    }

    deinit { server.stop() }

    /// Every response so far, in the order they were made.
    var served: [Served] { log.entries }

    /// The URL of feed `feed`.
    func url(of feed: Int) -> String { "\(server.baseURL)/feed-\(feed).xml" }

    /// How many items feed `feed` shows at `date`: the first from the start, then one every ``step``.
    static func visibleItems(feed: Int, at date: Date, start: Date) -> Int {
        let phase = Double(feed % 8) * step / 8
        return 1 + max(0, Int(((date.timeIntervalSince(start) + phase) / step).rounded(.down)))
    }

    /// The GUID of item `index` of feed `feed`.
    static func guid(feed: Int, index: Int) -> String { "feed-\(feed)-\(index)" }

    /// The link of item `index` of feed `feed`, unique across the site.
    static func link(feed: Int, index: Int) -> String { "http://example.org/\(feed)/\(index)" }

    /// Whether item `index` is about hydrogen, which the `hydrogene` profile alerts.
    static func isAboutHydrogen(index: Int) -> Bool { index % 3 == 1 }

    private static func document(feed: Int, count: Int) -> String {
        let items = (1...count).reversed().map { index in
            "<item><title>\(title(feed: feed, index: index))</title><link>\(link(feed: feed, index: index))</link>"
                + "<guid>\(guid(feed: feed, index: index))</guid><description>\(summary(feed: feed, index: index))</description></item>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Flux \(feed)</title>\(items.joined())</channel></rss>"
    }

    // Words drawn per item, so that no two items read alike and none is taken for another's near-duplicate.
    private static let words = [
        "usine", "région", "port", "réseau", "batterie", "éolien", "stockage", "électrolyseur", "camion", "navire",
        "budget", "emploi", "brevet", "laboratoire", "commune", "transport", "acier", "ciment", "chantier", "export",
        "investissement", "contrat", "formation", "startup", "station", "pipeline", "turbine", "capteur", "logiciel", "satellite",
        "rail", "aéroport", "verre", "papier", "chimie", "engrais", "recyclage", "carbone", "biomasse", "méthane",
    ]

    private static func draw(_ count: Int, feed: Int, index: Int) -> [String] {
        var state = UInt64(feed) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &* 0xBF58_476D_1CE4_E5B9
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return words[Int((state >> 33) % UInt64(words.count))]
        }
    }

    private static func title(feed: Int, index: Int) -> String {
        let drawn = draw(3, feed: feed, index: index).joined(separator: " ")
        return isAboutHydrogen(index: index) ? "Hydrogène : \(drawn) \(feed)-\(index)" : "Chronique : \(drawn) \(feed)-\(index)"
    }

    private static func summary(feed: Int, index: Int) -> String {
        draw(12, feed: feed, index: index).joined(separator: " ")
    }
}

/// What ``GrowingFeedSite`` served, appended from the server's connection threads.
private final class ServedLog: Sendable {
    private let state = Mutex<[GrowingFeedSite.Served]>([])

    func append(_ served: GrowingFeedSite.Served) {
        state.withLock { $0.append(served) }
    }

    var entries: [GrowingFeedSite.Served] { state.withLock { $0 } }
}
