import Configuration
import Fetching
import Foundation
import Logging
import Model
import Parsing

/// How each kind of source turns a fetched response into a document: a feed or page as the parser
/// detects it, a listing through its selectors, a sitemap with its children, a page through the feed it
/// announces.
extension Crawler {
    /// What was read from one source's response.
    struct Reading: Sendable {
        var document: ParsedDocument
        /// The response whose validators describe `document`: the feed's when a page led to it.
        var response: FetchResponse
        /// The feed a `discover` page announced, from which the source is fetched from now on.
        var discoveredFeed: String?
    }

    /// Why a response gave no document, as the store records it.
    struct ReadFailure: Error, CustomStringConvertible {
        var description: String

        init(_ description: String) { self.description = description }
        init(_ error: ParseError) { self.description = "parse error: \(error)" }
    }

    /// Whether reading `kind` fetches further documents, which must not wait for the transfer slot its
    /// own response holds (the per-host slot would never be released).
    static func readingFetchesMore(_ kind: SourceKind) -> Bool {
        switch kind {
        case .feed, .page, .listing: false
        case .sitemap, .discover: true
        }
    }

    func read(_ response: FetchResponse, from source: Source, logger: Logger) async throws(ReadFailure) -> Reading {
        // Links resolved against the source URL must not inherit its credentials.
        let base = URLRedaction.withoutCredentials(response.finalURL)
        switch source.kind {
        case .feed, .page:
            let document = try await parsed { () throws(ParseError) in
                try DocumentParser.parse(response.body, url: base, contentType: response.contentType, contentLanguage: response.contentLanguage)
            }
            return Reading(document: document, response: response)
        case .listing:
            guard let selectors = source.selectors else { throw ReadFailure("a listing source needs selectors ('select' in sources.yaml)") }
            let document = try await parsed { () throws(ParseError) in
                try ListingReader.parse(response.body, url: base, contentType: response.contentType, selectors: selectors)
            }
            return Reading(document: document, response: response)
        case .sitemap:
            let document = try await parsed { () async throws(ParseError) in
                try await sitemap(response, base: base, from: source, logger: logger)
            }
            return Reading(document: document, response: response)
        case .discover:
            return try await discovered(response, base: base, from: source, logger: logger)
        }
    }

    /// What `parse` returns, its error recorded as a parse error.
    private func parsed(_ parse: () async throws(ParseError) -> ParsedDocument) async throws(ReadFailure) -> ParsedDocument {
        do throws(ParseError) {
            return try await parse()
        } catch {
            throw ReadFailure(error)
        }
    }

    /// A sitemap's recent entries; for an index, those of its newest children, one level down: a child
    /// that is itself an index, or the index itself, is not followed.
    private func sitemap(_ response: FetchResponse, base: String, from source: Source, logger: Logger) async throws(ParseError) -> ParsedDocument {
        let since = clock().addingTimeInterval(-source.window)
        let sitemap = try SitemapReader.parse(response.body, url: base, contentType: response.contentType, since: since)
        var items = sitemap.items
        for child in sitemap.children {
            var logger = logger
            logger[metadataKey: "sitemap"] = "\(URLRedaction.redacted(child.url))"
            guard child.url != base, child.url != response.finalURL else {
                logger.warning("sitemap index lists itself; not followed")
                continue
            }
            if source.obeysRobots, case let verdict = await robots.verdict(for: child.url, using: fetcher), verdict != .allowed {
                logger.info("child sitemap not fetched: robots.txt does not allow it", metadata: ["verdict": "\(verdict)"])
                continue
            }
            let request = FetchRequest(url: child.url, headers: Self.sameOrigin(child.url, source.url) ? source.headers : [:])
            let childResponse: FetchResponse
            switch await fetcher.fetch(request) {
            case .modified(let response): childResponse = response
            case .notModified: continue
            case .failed(let error):
                logger.warning("child sitemap could not be fetched", metadata: ["error": "\(error)"])
                continue
            }
            do throws(ParseError) {
                let childMap = try SitemapReader.parse(
                    childResponse.body, url: URLRedaction.withoutCredentials(childResponse.finalURL),
                    contentType: childResponse.contentType, since: since)
                if childMap.isIndex { logger.warning("child sitemap is an index itself; indexes are followed one level only") }
                items += childMap.items
            } catch {
                logger.warning("child sitemap could not be read", metadata: ["error": "\(error)"])
            }
        }
        if sitemap.skipped > 0 {
            logger.debug("sitemap entries left out: older than the window or past the bound", metadata: ["skipped": "\(sitemap.skipped)"])
        }
        return ParsedDocument(format: .sitemap, link: base, items: items)
    }

    /// The feed a page announces, fetched and read; a document that is already a feed (the source's
    /// effective URL, once discovered) is read as it is.
    private func discovered(_ response: FetchResponse, base: String, from source: Source, logger: Logger) async throws(ReadFailure) -> Reading {
        let page: ParsedDocument
        do throws(ParseError) {
            page = try DocumentParser.parse(response.body, url: base, contentType: response.contentType)
        } catch {
            throw ReadFailure(error)
        }
        guard page.format == .html else { return Reading(document: page, response: response) }
        guard let feed = page.discoveredFeeds.first(where: { SourceURL.problem(with: $0) == nil && URLRedaction.redacted($0) == $0 }) else {
            throw ReadFailure(
                "no feed announced on the page (<link rel=\"alternate\" type=\"application/rss+xml\">); read it with kind: page or listing")
        }
        let request = FetchRequest(url: feed, headers: Self.sameOrigin(feed, source.url) ? source.headers : [:])
        switch await fetcher.fetch(request) {
        case .modified(let feedResponse):
            let document: ParsedDocument
            do throws(ParseError) {
                document = try DocumentParser.parse(
                    feedResponse.body, url: URLRedaction.withoutCredentials(feedResponse.finalURL), contentType: feedResponse.contentType,
                    contentLanguage: feedResponse.contentLanguage)
            } catch {
                throw ReadFailure("the feed the page announces, \(feed), could not be read: \(error)")
            }
            guard document.format != .html else {
                throw ReadFailure("the feed the page announces, \(feed), is an HTML page, not a feed")
            }
            logger.notice("feed discovered on the page; fetched from now on", metadata: ["feed": "\(feed)"])
            return Reading(document: document, response: feedResponse, discoveredFeed: feed)
        case .notModified:
            throw ReadFailure("the feed the page announces, \(feed), answered 304 to a request without validators")
        case .failed(let error):
            throw ReadFailure("the feed the page announces, \(feed), could not be fetched: \(error)")
        }
    }

    /// Whether two URLs share scheme, host and port: a source's headers (a cookie, a token) go nowhere else.
    static func sameOrigin(_ first: String, _ second: String) -> Bool {
        guard let a = URLComponents(string: first), let b = URLComponents(string: second) else { return false }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && a.port == b.port
    }
}
