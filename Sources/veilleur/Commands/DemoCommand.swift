import ArgumentParser
import Configuration
import Daemon
import Scheduling
import Foundation
import LoopbackHTTP

/// `veilleur demo`: the whole pipeline, offline, on sample data served over loopback HTTP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole pipeline offline on bundled sample feeds served over HTTP on 127.0.0.1.",
        discussion: """
            Serves sample feeds (RSS 2.0, Atom, RDF and an HTML page, in French and English), writes a \
            configuration with one profile per stakeholder kind, crawls twice (the second crawl gets 304s), \
            writes today's digests and prints their paths. One source is unreachable on purpose.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder for the demo's configuration and state (a new temporary folder by default).", valueName: "dir"))
    var directory: String?
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.bootstrap()
        let root = directory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-demo-\(UUID().uuidString.prefix(8))")
        let configDirectory = root.appendingPathComponent("config", isDirectory: true)
        let state = StateLayout(root: root.appendingPathComponent("state", isDirectory: true))

        let server = try LoopbackServer(handler: SampleServer.respond)
        defer { server.stop() }
        try writeConfiguration(to: configDirectory, base: server.baseURL)
        print("serving sample feeds at \(server.baseURL)")

        let loaded: LoadedConfiguration
        do {
            loaded = try LoadedConfiguration.load(directory: configDirectory)
        } catch {
            for issue in error.issues { StandardError.shared.writeLine(TerminalText.escaped("\(issue)")) }
            throw ExitStatus.failure
        }
        let pipeline = try await Pipeline(configuration: loaded, state: state, logger: logger)
        let first = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        print("first crawl:  \(first)")
        let second = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        print("second crawl: \(second)")

        let now = Date()
        let written = try await pipeline.writeDigests(period: loaded.digestSchedule.period(of: now), cutoff: now)
        print("configuration: \(configDirectory.path)")
        print("state:         \(state.root.path)")
        print("digests:")
        for profile in written.keys.sorted() {
            for url in written[profile] ?? [] { print("  \(url.path)") }
        }
    }

    private func writeConfiguration(to directory: URL, base: String) throws {
        let profiles = directory.appendingPathComponent("profiles", isDirectory: true)
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        try SampleProfiles.sources(base: base).write(
            to: directory.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
        // The sample server is the demo's own: no delay between its requests, so the demo takes seconds.
        try "fetch:\n  min_host_delay: 0s\n".write(
            to: directory.appendingPathComponent("veilleur.yaml"), atomically: true, encoding: .utf8)
        for (name, yaml) in SampleProfiles.files {
            try yaml.write(to: profiles.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }
}

/// Answers the demo's requests: the sample documents with a strong ETag, and 304 when the client already has them.
enum SampleServer {
    static func respond(_ request: HTTPRequest) -> HTTPResponse {
        guard let document = SampleFeeds.documents[request.path] else {
            return HTTPResponse(status: 404, headers: ["Content-Type": "text/plain"], body: Array("not found\n".utf8))
        }
        let base = "http://\(request.headers["host"] ?? "127.0.0.1")"
        let body = Array(document.body.replacingOccurrences(of: "{BASE}", with: base).utf8)
        let etag = "\"\(body.count)-\(body.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 })\""
        if request.headers["if-none-match"] == etag {
            return HTTPResponse(status: 304, headers: ["ETag": etag], body: [])
        }
        return HTTPResponse(status: 200, headers: ["Content-Type": document.contentType, "ETag": etag], body: body)
    }
}
