@testable import Daemon
import Model
import Testing

@Suite struct SourceOrderTests {
    private func sources(_ urls: [String]) -> [Source] {
        urls.enumerated().map { Source(name: "s\($0.offset)", url: $0.element) }
    }

    @Test("hosts are taken in turn, each host's sources in their given order")
    func hostsInTurn() {
        let given = sources([
            "https://big.example/1", "https://big.example/2", "https://big.example/3",
            "https://small.example/a", "https://other.example/x", "https://small.example/b",
        ])
        let ordered = SourceOrder.hostsInTurn(given) { $0.url }
        #expect(ordered.map(\.url) == [
            "https://big.example/1", "https://small.example/a", "https://other.example/x",
            "https://big.example/2", "https://small.example/b", "https://big.example/3",
        ])
    }

    @Test("one host keeps the given order, and every source is kept once")
    func oneHost() {
        let given = sources((1...5).map { "https://one.example/\($0)" })
        #expect(SourceOrder.hostsInTurn(given) { $0.url }.map(\.name) == given.map(\.name))
        #expect(SourceOrder.hostsInTurn([]) { $0.url }.isEmpty)
    }

    @Test("the URL grouped by is the one given, such as an effective URL")
    func groupsByGivenURL() {
        let given = sources(["https://a.example/1", "https://a.example/2", "https://b.example/1"])
        #expect(SourceOrder.hostsInTurn(given) { $0.url }.map(\.name) == ["s0", "s2", "s1"])
        let moved = SourceOrder.hostsInTurn(given) { $0.name == "s1" ? "https://b.example/moved" : $0.url }
        #expect(moved.map(\.name) == ["s0", "s1", "s2"])
    }

    @Test("the host key ignores case, credentials and path, keeps the port, and survives odd URLs", arguments: [
        ("https://News.Example/feed.xml", "news.example"),
        ("https://user:secret@news.example:8443/feed?x=1", "news.example:8443"),
        ("http://news.example?feed", "news.example"),
        ("news.example/feed", "news.example"),
        ("", ""),
        ("://", ""),
    ])
    func hostKey(url: String, host: String) {
        #expect(SourceOrder.host(of: url) == host[...])
    }
}
