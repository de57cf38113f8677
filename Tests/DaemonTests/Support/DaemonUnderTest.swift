import Configuration
import Daemon
import Foundation
import Logging
import Storage

/// A daemon running on the fixture configuration for `site`, reporting to a notify socket the test reads.
struct DaemonUnderTest {
    let folder: TemporaryFolder
    let socket: NotifySocket
    let signals: AsyncStream<DaemonSignal>.Continuation
    let running: Task<Void, any Error>

    init(
        site: FixtureSite, database: DatabaseLocation? = nil, logger: Logger = Logger(label: "test"), configPollInterval: Duration = .seconds(2),
        clock: @escaping @Sendable () -> Date = { Date() },
        loadConfiguration: @escaping @Sendable (URL) throws(ConfigurationError) -> LoadedConfiguration = {
            try LoadedConfiguration.load(directory: $0)
        }
    ) throws {
        folder = try TemporaryFolder()
        try folder.writeFixtureConfiguration(for: site)
        socket = try NotifySocket(path: folder.url.appendingPathComponent("notify.sock").path)
        let daemon = Daemon(
            configDirectory: folder.configDirectory, state: folder.state, database: database, logger: logger,
            notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path]), clock: clock,
            configPollInterval: configPollInterval, loadConfiguration: loadConfiguration)
        let (stream, continuation) = AsyncStream<DaemonSignal>.makeStream()
        signals = continuation
        running = Task { try await daemon.run(signals: stream) }
    }

    /// Sends a stop and waits for `run` to return.
    func stop() async throws {
        signals.yield(.stop)
        try await running.value
    }
}

extension FixtureSite {
    /// The site most tests use: the news feed and the partner's feed.
    static func newsAndPartner() throws -> FixtureSite {
        try FixtureSite(documents: ["/news.xml": Fixtures.newsRSS, "/partner.atom": Fixtures.partnerAtom])
    }
}
