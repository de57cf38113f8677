import DequeModule
import Foundation
import Logging

/// The robots.txt of each origin (scheme, host and port) that pages are fetched from, read through the
/// crawl's own ``HTTPFetcher`` and kept for a while (RFC 9309).
///
/// robots.txt goes through the same fetcher as the pages, so its user agent, proxy, limits, per-host
/// delay and redirects (RFC 9309 asks for at least five; see ``FetchLimits/maxRedirects``) apply to it
/// too. Concurrent questions about one origin share one request. Files are kept in memory only: a restart
/// costs one robots.txt request per origin, which is what a day of crawling costs anyway, and saves the
/// store a table that would have to be expired and migrated.
///
/// - A 2xx answer is parsed (see ``RobotsTxt``) and kept ``lifetime`` (24 h, as RFC 9309 suggests).
/// - A 4xx answer other than 429, or more redirects than the fetcher follows, means there is no robots.txt
///   (RFC 9309 §2.3.1.2–3): everything is allowed, for ``lifetime``.
/// - A 5xx or 429 answer, or no answer (DNS, connection, timeout, TLS, a body over the fetcher's limit),
///   means the file is unreachable: everything is disallowed (RFC 9309 §2.3.1.4), but only for
///   ``failureLifetime``, so a site that was briefly down is read again within the hour.
///
/// At most `capacity` origins are kept; past that the one read longest ago is forgotten first.
public actor RobotsCache {
    /// How long a robots.txt that was read (or found missing) is trusted.
    public static let lifetime: TimeInterval = 86_400
    /// How long an unreachable robots.txt keeps its origin's pages disallowed before it is asked again.
    public static let failureLifetime: TimeInterval = 3_600
    /// How much of a robots.txt is read: RFC 9309 asks crawlers to parse at least the first 500 KiB, and a
    /// longer file is read up to there rather than refused, which would hold its site's pages back.
    public static let parsedBytes = 500 * 1024
    /// Origins kept by default.
    public static let defaultCapacity = 10_000

    private struct Entry: Sendable {
        let rules: RobotsTxt
        let expiresAt: Date
        /// Why the file could not be read, when ``rules`` is the disallow-all of an unreachable file.
        let unreadable: String?
        let robotsURL: String
        /// Which insertion this is, so that an eviction of an origin read again since skips it.
        let generation: Int
    }

    private let capacity: Int
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var entries: [HostKey: Entry] = [:]
    /// Origins in the order their entries were stored, with the generation each was stored as.
    private var order: Deque<(origin: HostKey, generation: Int)> = []
    private var generation = 0
    private var inFlight: [HostKey: Task<Entry?, Never>] = [:]

    /// - Parameters:
    ///   - capacity: most origins kept at once.
    ///   - now: the clock entries expire by.
    public init(
        capacity: Int = RobotsCache.defaultCapacity, logger: Logger = Logger(label: "veilleur.robots"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.capacity = max(1, capacity)
        self.logger = logger
        self.now = now
    }

    /// Origins whose robots.txt is held now, expired or not.
    public var count: Int { entries.count }

    /// Whether `url` may be fetched by the crawler named by `fetcher`'s user agent (its product token, e.g.
    /// `veilleur`), reading its origin's robots.txt with `fetcher` when it is not cached or has expired.
    ///
    /// Cancelling the calling task cancels the shared request for robots.txt, and every caller waiting on
    /// it gets ``RobotsVerdict/unknown``: a crawl pass is cancelled as a whole, so no one else needs it.
    public func verdict(for url: String, using fetcher: HTTPFetcher) async -> RobotsVerdict {
        // A URL libcurl cannot read fails as soon as its own fetch starts: nothing to ask for.
        guard let location = RobotsLocation(url: url) else { return .allowed }
        let entry: Entry
        if let cached = entries[location.origin], cached.expiresAt > now() {
            entry = cached
        } else {
            let task = inFlight[location.origin] ?? read(location, with: fetcher)
            guard let read = await withTaskCancellationHandler(operation: { await task.value }, onCancel: { task.cancel() }) else {
                return .unknown
            }
            entry = read
        }
        if entry.rules.allows(location.pathAndQuery, userAgent: fetcher.limits.userAgent) { return .allowed }
        if let unreadable = entry.unreadable {
            return .disallowed(
                reason: "\(RobotsVerdict.refusalPrefix): it could not be read, so the whole site is held back until it can "
                    + "(asked again within \(Int(Self.failureLifetime / 3600))h): \(unreadable)")
        }
        return .disallowed(reason: "\(RobotsVerdict.refusalPrefix) (\(entry.robotsURL))")
    }

    /// Starts the one request for `location`'s robots.txt; its result is stored before anyone reads it.
    private func read(_ location: RobotsLocation, with fetcher: HTTPFetcher) -> Task<Entry?, Never> {
        let task = Task {
            let result = await fetcher.fetch(FetchRequest(url: location.robotsURL, keepFirstBytes: Self.parsedBytes))
            return self.settle(result, for: location)
        }
        inFlight[location.origin] = task
        return task
    }

    private func settle(_ result: FetchResult, for location: RobotsLocation) -> Entry? {
        inFlight[location.origin] = nil
        var logger = logger
        logger[metadataKey: "robots"] = "\(location.robotsURL)"
        let rules: RobotsTxt
        var unreadable: String?
        switch result {
        case .modified(let response):
            rules = RobotsTxt(parsing: response.body)
            logger.debug("robots.txt read", metadata: ["status": "\(response.status)", "bytes": "\(response.body.count)"])
        case .notModified:
            // No validators were sent, so a 304 carries no rules to keep.
            rules = .allowAll
        case .failed(let error):
            switch error.kind {
            case .cancelled:
                return nil
            case .httpStatus(let status) where (400..<500).contains(status) && status != 429:
                rules = .allowAll
                logger.debug("no robots.txt; every page of the site is allowed", metadata: ["status": "\(status)"])
            case .tooManyRedirects:
                rules = .allowAll
                logger.debug("robots.txt redirects too many times; taken as missing")
            default:
                rules = .disallowAll
                unreadable = error.description
                logger.warning("robots.txt unreachable; the site's pages are not fetched until it can be read", metadata: ["error": "\(error)"])
            }
        }
        let lifetime = unreadable == nil ? Self.lifetime : Self.failureLifetime
        generation += 1
        let entry = Entry(
            rules: rules, expiresAt: now().addingTimeInterval(lifetime), unreadable: unreadable, robotsURL: location.robotsURL,
            generation: generation)
        store(entry, for: location.origin)
        return entry
    }

    private func store(_ entry: Entry, for origin: HostKey) {
        entries[origin] = entry
        order.append((origin, entry.generation))
        while entries.count > capacity, let oldest = order.popFirst() {
            if entries[oldest.origin]?.generation == oldest.generation { entries[oldest.origin] = nil }
        }
        // Origins read again leave their earlier places in the queue behind: drop them before they pile up.
        if order.count > 2 * capacity {
            order = Deque(order.filter { entries[$0.origin]?.generation == $0.generation })
        }
    }
}
