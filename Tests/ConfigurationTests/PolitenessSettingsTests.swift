import Configuration
import Foundation
import Testing

/// `fetch.min_host_delay` and `fetch.hosts` in `veilleur.yaml`.
@Suite struct PolitenessSettingsTests {
    private func load(_ settings: String) throws -> (Result<Settings, ConfigurationError>, path: String) {
        try loadSettings(settings)
    }

    @Test("Requests to one host are a second apart unless veilleur.yaml says otherwise")
    func theDefaultDelayIsOneSecond() {
        #expect(Settings().minHostDelay == .seconds(1))
        #expect(Settings().hosts.isEmpty)
    }

    @Test("The global delay and each host's delay and connections are read, host names lower-cased")
    func delaysAndHostsAreRead() throws {
        let (result, _) = try load("""
            fetch:
              min_host_delay: 500ms
              hosts:
                "WWW.Example.gouv.fr": { min_delay: 5s, per_host: 1 }
                127.0.1.7: { min_delay: 0 }
            """)
        let settings = try result.get()
        #expect(settings.minHostDelay == .milliseconds(500))
        #expect(settings.hosts == [
            "www.example.gouv.fr": HostSettings(minDelay: .seconds(5), connections: 1),
            "127.0.1.7": HostSettings(minDelay: .zero),
        ])
    }

    @Test("A host given with a scheme or port, a twice-named host, a bad delay and an unknown key are located")
    func mistakesAreLocated() throws {
        let (result, path) = try load("""
            fetch:
              min_host_delay: 2h
              hosts:
                "https://a.example": { min_delay: 1s }
                "a.example:8080": { min_delay: 1s }
                b.example: { min_delay: soon, per_host: 0 }
                B.example: { per_host: 2 }
                c.example: { delay: 1s }
            """)
        guard case .failure(let error) = result else {
            Issue.record("the settings should not load")
            return
        }
        let hostHint = "expected a name such as 'www.example.fr' or an IP address, without scheme, port or path"
        #expect(error.issues.map(\.description) == [
            "\(path):2:19: min_host_delay must be between 0 and 1h, found '2h'",
            "\(path):4:5: 'https://a.example' is not a host name; \(hostHint)",
            "\(path):5:5: 'a.example:8080' is not a host name; \(hostHint)",
            "\(path):6:29: expected a duration such as '500ms', '2s' or '1m', found 'soon'",
            "\(path):6:45: per_host must be at least 1, found 0",
            "\(path):7:5: duplicate host 'b.example'; first given at line 6",
            "\(path):8:18: unknown key 'delay'; expected one of: min_delay, per_host",
        ])
    }
}
