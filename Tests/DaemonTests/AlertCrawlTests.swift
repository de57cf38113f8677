import Alerts
import Daemon
import Foundation
import Logging
import Storage
import Testing

/// Immediate alerts over the loopback server: a file per (profile, item), whatever crashes and re-crawls,
/// and a command that never holds a crawl.
@Suite struct AlertCrawlTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Presse</title><link>https://presse.example/</link>
        <item><title>Hydrogène : l'électrolyseur "géant" &amp; l'hydrogène \\ vert</title>
          <link>https://presse.example/h2</link><guid>h2</guid><pubDate>Wed, 25 Nov 2026 09:00:00 +0100</pubDate>
          <description>Hydrogène, hydrogène et électrolyseur : la filière hydrogène accélère.</description></item>
        <item><title>Le port prépare la saison</title>
          <link>https://presse.example/port</link><guid>port</guid><pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate>
          <description>On y parle aussi d'hydrogène.</description></item>
        </channel></rss>
        """

    static let profile = """
        name: "Filière hydrogène"
        kind: filière
        threshold: 10
        alert_score: 60
        recency: false
        topics:
          - name: Hydrogène
            keywords: [hydrogène, électrolyseur]
        """

    private func configure(_ folder: TemporaryFolder, site: FixtureSite, settings: String = "") throws {
        try folder.write("sources:\n  - name: presse\n    url: \(site.base)/feed.xml\n", to: "config/sources.yaml")
        try folder.write(Self.profile, to: "config/profiles/h2.yaml")
        try folder.write(Fixtures.noHostDelay + settings, to: "config/veilleur.yaml")
    }

    private func pipeline(_ folder: TemporaryFolder, logger: Logger = Logger(label: "test")) async throws -> Pipeline {
        try await Pipeline(configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state, logger: logger)
    }

    private func alertFiles(_ folder: TemporaryFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.state.alerts.path)) ?? []).sorted()
    }

    @Test("An item above alert_score gets exactly one alert file: after a crash between its row and its file, and crawled again")
    func oneFilePerAlert() async throws {
        let site = try FixtureSite(documents: ["/feed.xml": Self.feed])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        try configure(folder, site: site)

        // The first process records the alert and dies before writing its file.
        do {
            let crashed = try await pipeline(folder)
            let summary = try await crashed.crawl(try await crashed.dueSources(all: true))
            #expect(summary.newMatches == 2)
            await crashed.store.close()
        }
        #expect(alertFiles(folder).isEmpty)

        let restarted = try await pipeline(folder)
        await restarted.deliverAlerts()
        #expect(alertFiles(folder) == ["h2-1.json"])
        _ = try await restarted.crawl(try await restarted.dueSources(all: true))
        await restarted.deliverAlerts()
        #expect(alertFiles(folder) == ["h2-1.json"])
        await #expect(try restarted.store.alertTally(since: .distantPast).raised == 1)

        let data = try Data(contentsOf: folder.state.alerts.appendingPathComponent("h2-1.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let item = try #require(json["item"] as? [String: Any])
        #expect(item["title"] as? String == "Hydrogène : l'électrolyseur \"géant\" & l'hydrogène \\ vert")
        #expect(item["source"] as? String == "presse")
        #expect(json["profile"] as? String == "h2")
        #expect(try #require(json["score"] as? Double) >= 60)
    }

    @Test("A hanging alert command is killed at its timeout while the crawl goes on, and is run again later", .timeLimit(.minutes(1)))
    func hangingCommand() async throws {
        let site = try FixtureSite(documents: ["/feed.xml": Self.feed])
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let started = folder.url.appendingPathComponent("started")
        let script = folder.url.appendingPathComponent("hang.sh")
        // Through a descriptor closed on exec: a command another test starts meanwhile must not inherit it
        // open for writing, or running the script fails with ETXTBSY.
        let descriptor = open(script.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        let body = Array("#!/bin/sh\ntouch '\(started.path)'\nexec sleep 300\n".utf8)
        try #require(descriptor >= 0 && write(descriptor, body, body.count) == body.count)
        close(descriptor)
        try configure(folder, site: site, settings: "alerts:\n  command: [\(script.path)]\n  timeout: 1s\n")

        let log = CapturedLog()
        let pipeline = try await pipeline(folder, logger: log.logger)
        let stage = Task { [alerts = pipeline.alerts] in await alerts.run() }
        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(summary.newMatches == 2, "the crawl ended whatever the command does")
        await log.wait(for: "alert command failed; run again later")
        #expect(FileManager.default.fileExists(atPath: started.path))
        #expect(log.text.contains("outcome=killed at its timeout"))
        #expect(alertFiles(folder) == ["h2-1.json"])
        stage.cancel()
        await stage.value
    }
}
