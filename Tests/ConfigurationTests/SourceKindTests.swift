import Configuration
import Foundation
import Model
import Testing

/// `kind` and `robots` of a source in `sources.yaml`.
@Suite struct SourceKindTests {
    private func load(_ sources: String) throws -> (Result<[Source], ConfigurationError>, path: String) {
        let folder = try ConfigFolder(files: ["sources.yaml": sources])
        let path = folder.path("sources.yaml")
        do {
            return (.success(try Configuration.load(directory: folder.url).sources), path)
        } catch {
            return (.failure(error), path)
        }
    }

    @Test("A source is a feed unless it says page, and a page obeys robots.txt unless it says ignore")
    func kindsAndRobotsAreRead() throws {
        let (result, _) = try load("""
            sources:
              - name: flux
                url: https://example.org/feed.xml
              - name: actualites
                url: https://example.org/actualites/
                kind: page
              - name: agenda
                url: https://example.org/agenda/
                kind: page
                robots: ignore
            """)
        let sources = try result.get()
        #expect(sources.map(\.kind) == [.feed, .page, .page])
        #expect(sources.map(\.obeysRobots) == [false, true, false])
        #expect(sources.map(\.ignoresRobots) == [false, false, true])
    }

    @Test("An unknown kind or robots value is located and the allowed values listed; robots on a feed is refused with a hint")
    func mistakesAreLocated() throws {
        let (result, path) = try load("""
            sources:
              - name: a
                url: https://example.org/a
                kind: pages
              - name: b
                url: https://example.org/b
                kind: page
                robots: no
              - name: c
                url: https://example.org/c
                robots: obey
              - name: d
                url: https://example.org/d
                kind: feed
                robots: ignore
            """)
        guard case .failure(let error) = result else {
            Issue.record("the sources should not load")
            return
        }
        let feedHint = "robots applies to page, listing, sitemap and discover sources only: a feed is fetched whatever robots.txt says; "
            + "remove it, or add 'kind: page' if this URL is a page"
        #expect(error.issues.map(\.description) == [
            "\(path):4:11: unknown kind 'pages'; did you mean 'page'? (expected one of: feed, page, listing, sitemap, discover)",
            "\(path):8:13: unknown robots 'no' (expected one of: obey, ignore)",
            "\(path):11:13: \(feedHint)",
            "\(path):15:13: \(feedHint)",
        ])
    }
}
