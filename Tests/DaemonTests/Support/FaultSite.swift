import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Synchronization

/// A loopback site with one healthy source (`news`, at `/news.xml`, answering 304 to its validators) and
/// one source under test (`faulty`, at `/faulty.xml`) whose every request goes to `answer`: each fault test
/// checks that `news` is unaffected by what `faulty` does.
final class FaultSite: Sendable {
    let server: LoopbackServer

    init(answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        server = try LoopbackServer { request in
            guard request.path == "/news.xml" else { return answer(request) }
            return FaultSite.feed(Fixtures.newsRSS, etag: "\"news-v1\"", for: request)
        }
    }

    var base: String { server.baseURL }

    /// Every path requested so far other than the healthy source's, in order.
    var faultyRequests: [String] { server.requests.map(\.path).filter { $0 != "/news.xml" } }

    func stop() { server.stop() }

    /// A pipeline over `news` and `faulty`, with its state in `folder`.
    func makePipeline(in folder: TemporaryFolder) async throws -> Pipeline {
        try folder.write(
            """
            sources:
              - name: news
                url: \(base)/news.xml
              - name: faulty
                url: \(base)/faulty.xml
            """,
            to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        return try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: Logger(label: "test"))
    }

    /// `document` with `etag`, or a 304 when the request already holds it.
    static func feed(_ document: String, etag: String, contentType: String = "application/rss+xml", for request: HTTPRequest) -> HTTPResponse {
        if request.headers["if-none-match"] == etag {
            return HTTPResponse(status: 304, headers: ["ETag": etag])
        }
        return HTTPResponse(status: 200, headers: ["Content-Type": contentType, "ETag": etag], body: Array(document.utf8))
    }

    /// Two items no other fixture has.
    static let faultyRSS = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Faulty</title><link>http://faulty.example/</link>
        <item><title>Premier article</title><link>http://faulty.example/1</link><guid>faulty-1</guid></item>
        <item><title>Second article</title><link>http://faulty.example/2</link><guid>faulty-2</guid></item>
        </channel></rss>
        """
}

/// A switch a test flips between two passes, read by a server handler.
final class Phase: Sendable {
    private let value = Mutex(0)
    var current: Int { value.withLock { $0 } }
    func advance() { value.withLock { $0 += 1 } }
}
