import Foundation
import Daemon
import LoopbackHTTP
import Logging

/// A loopback site serving fixture feeds with validators, answering 304 to conditional requests.
final class FixtureSite: Sendable {
    let server: LoopbackServer

    /// - Parameter gates: paths whose answer waits until the test releases their gate.
    init(documents: [String: String], gates: [String: Gate] = [:]) throws {
        server = try LoopbackServer { request in
            gates[request.path]?.arriveAndWait()
            guard let body = documents[request.path] else {
                return HTTPResponse(status: 404, headers: ["Content-Type": "text/plain"], body: Array("missing".utf8))
            }
            let etag = "\"v1-\(request.path.count)\""
            let modified = "Wed, 25 Nov 2026 08:00:00 GMT"
            if request.headers["if-none-match"] == etag {
                return HTTPResponse(status: 304, headers: ["ETag": etag, "Last-Modified": modified], body: [])
            }
            return HTTPResponse(
                status: 200,
                headers: ["Content-Type": "application/xml; charset=utf-8", "ETag": etag, "Last-Modified": modified],
                body: Array(body.utf8))
        }
    }

    var base: String { server.baseURL }

    func stop() { server.stop() }
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ text: String, to relativePath: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}

extension TemporaryFolder {
    /// Writes the fixture configuration for `site` under `config/`.
    func writeFixtureConfiguration(for site: FixtureSite) throws {
        try write(Fixtures.sources(base: site.base), to: "config/sources.yaml")
        try write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        // A test that writes its own settings keeps them.
        if !FileManager.default.fileExists(atPath: configDirectory.appendingPathComponent("veilleur.yaml").path) {
            try write(Fixtures.noHostDelay, to: "config/veilleur.yaml")
        }
    }

    var configDirectory: URL { url.appendingPathComponent("config") }
    var state: StateLayout { StateLayout(root: url.appendingPathComponent("state")) }

    /// A pipeline over the fixture configuration for `site`, with its state in this folder.
    func makePipeline(for site: FixtureSite, clock: @escaping @Sendable () -> Date = { Date() }) async throws -> Pipeline {
        try writeFixtureConfiguration(for: site)
        return try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: configDirectory), state: state,
            logger: Logger(label: "test"), clock: clock)
    }
}
