import Foundation
import Testing

/// `parse --kind …` reads a document as sources of that kind read it, so selectors can be tried first.
@Suite struct ParseSourceKindTests {
    static let listing = Array("""
        <html><body><div class="news">
        <article><h2>Appel à projets hydrogène</h2><a href="https://pref.example/a1">Lire</a><time datetime="2026-03-12">12 mars</time></article>
        <article><h2>Piège</h2><a href="javascript:alert(1)">Lire</a></article>
        </div></body></html>
        """.utf8)

    @Test("--kind listing with selectors prints one line per item, non-web links left out")
    func listingSelectorsAreTried() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("actualites.html", Self.listing).path
        let result = try CommandRunner.run([
            "parse", path, "--kind", "listing", "--select-items", "//div[@class='news']/article", "--select-title", ".//h2",
            "--select-link", ".//a/@href", "--select-date", ".//time/@datetime",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "2026-03-12T00:00:00Z  Appel à projets hydrogène  https://pref.example/a1\n")
    }

    @Test("A selector that does not compile is a wrong command line, located in the expression")
    func badSelectorIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("actualites.html", Self.listing).path
        let result = try CommandRunner.run([
            "parse", path, "--kind", "listing", "--select-items", "//div[", "--select-title", ".", "--select-link", "@href",
        ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("the --select-items XPath '//div[' does not compile: "))
        #expect(result.stdout.isEmpty)
    }

    @Test("--kind listing without its selectors, or selectors on another kind, is a wrong command line")
    func selectorsGoWithListing() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("actualites.html", Self.listing).path
        #expect(try CommandRunner.run(["parse", path, "--kind", "listing"]).status == 64)
        #expect(try CommandRunner.run(["parse", path, "--select-items", "//a"]).status == 64)
    }

    @Test("--kind discover lists the feeds a page announces, and fails on a page announcing none")
    func discoverListsFeeds() throws {
        let folder = try TemporaryFolder()
        let page = try folder.file("blog.html", Array("""
            <html><head><link rel="alternate" type="application/atom+xml" href="https://blog.example/atom.xml"></head><body></body></html>
            """.utf8)).path
        let found = try CommandRunner.run(["parse", page, "--kind", "discover"])
        #expect(found.status == 0)
        #expect(found.stdout == "-  announced feed  https://blog.example/atom.xml\n")
        let none = try folder.file("plain.html", Array("<html><body><p>x</p></body></html>".utf8)).path
        let missing = try CommandRunner.run(["parse", none, "--kind", "discover"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no feed announced on the page"))
    }
}
