import Daemon
import Foundation
import LoopbackHTTP
import Storage
import Testing

/// Source URLs may carry credentials (`user:password@`, `?token=`): the requests use them, nothing a
/// person or a log reads shows them.
@Suite struct CredentialRedactionTests {
    static let password = "s3cretPW"
    static let token = "T0KEN-123"
    static let apiKey = "K3Y-SECRET-9"
    static var secrets: [String] { [password, token, apiKey, "reader:"] }

    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Privé</title><link>/</link>
        <item><title>Économie circulaire dans la région</title><link>/a/1</link><guid isPermaLink="false">p-1</guid>
          <description>Recyclage.</description></item>
        </channel></rss>
        """

    @Test("credentials in source URLs reach the server but no digest, stored state or log line")
    func credentialsNeverShown() async throws {
        let site = try FixtureSite(documents: ["/news.xml?token=\(Self.token)&lang=fr": Self.feed])
        defer { site.stop() }
        let port = site.base.split(separator: ":").last!
        let folder = try TemporaryFolder()
        try folder.write(
            """
            sources:
              - name: private
                url: "http://reader:\(Self.password)@127.0.0.1:\(port)/news.xml?token=\(Self.token)&lang=fr"
              - name: missing
                url: "\(site.base)/gone.xml?apikey=\(Self.apiKey)"
            """, to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        let log = CapturedLog()
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state,
            logger: log.logger)

        // The fixture site keys documents by request target, query included: the token was sent.
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        _ = try await pipeline.writeDigests(period: "2026-11-25", cutoff: Date().addingTimeInterval(1))

        let expectedAuthorization = "Basic " + Data("reader:\(Self.password)".utf8).base64EncodedString()
        #expect(site.server.requests.contains { $0.headers["authorization"] == expectedAuthorization })

        let states = try await pipeline.store.sourceStates()
        let missing = try #require(states.first { $0.name == "missing" })
        #expect(missing.lastError?.contains("apikey=***") == true)
        for state in states {
            for secret in Self.secrets {
                #expect(!state.url.contains(secret), "stored URL of \(state.name)")
                #expect(state.lastError?.contains(secret) != true, "stored error of \(state.name)")
            }
        }

        let digestFiles = try FileManager.default.subpathsOfDirectory(atPath: folder.state.digests.path)
        let written = try digestFiles.map { folder.state.digests.appendingPathComponent($0) }
            .filter { !$0.hasDirectoryPath && FileManager.default.fileExists(atPath: $0.path) }
            .map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(written.contains { $0.contains("Économie circulaire dans la région") }, "the item was alerted")
        #expect(written.contains { $0.contains("apikey=***") }, "the failing source is shown, redacted")
        for text in written + [log.text] {
            for secret in Self.secrets {
                #expect(!text.contains(secret))
            }
        }
        #expect(log.text.contains("apikey=***"), "the failure was logged, redacted")
    }
}
