import Configuration
import Foundation
import Testing

/// `metrics.listen` and `metrics.textfile` in `veilleur.yaml`.
@Suite struct MetricsSettingsTests {
    private func load(_ settings: String) throws -> (Result<Settings, ConfigurationError>, path: String) {
        try loadSettings(settings)
    }

    @Test("Without a metrics block there is no endpoint, and the textfile is written")
    func defaults() throws {
        let settings = try load("default_interval: 1h\n").0.get()
        #expect(settings.metrics.listen == nil)
        #expect(settings.metrics.textfile)
    }

    @Test("An IPv4 or bracketed IPv6 address with a port is read, and the textfile can be turned off")
    func valuesAreRead() throws {
        let settings = try load("metrics:\n  listen: \"127.0.0.1:9464\"\n  textfile: false\n").0.get()
        #expect(settings.metrics.listen == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(settings.metrics.listen?.isLoopback == true)
        #expect(!settings.metrics.textfile)
        let six = try load("metrics:\n  listen: \"[::1]:9100\"\n").0.get()
        #expect(six.metrics.listen == ListenAddress(host: "::1", port: 9100))
        #expect(six.metrics.listen?.description == "[::1]:9100")
    }

    @Test(
        "Host names, missing or out-of-range ports, and injected text are refused",
        arguments: ["localhost:9464", "127.0.0.1", "127.0.0.1:65536", "127.0.0.1:-1", "256.0.0.1:80", "[::1]9464", "::1:9464",
                    "127.0.0.1:9464\r\nX: y", "0x7f.0.0.1:80", "[fe80::1%eth0]:80", "127.0.0.1:٩٤٦٤"])
    func refusedAddresses(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }

    @Test("A bad listen address and an unknown key are located")
    func mistakesAreLocated() throws {
        let (result, path) = try load("metrics:\n  listen: \"localhost:9464\"\n  port: 9464\n")
        guard case .failure(let error) = result else {
            Issue.record("the settings should not load")
            return
        }
        #expect(error.issues.map(\.description) == [
            "\(path):3:3: unknown key 'port'; expected one of: listen, textfile",
            "\(path):2:11: listen must be an IP address and a port, as '127.0.0.1:9464' or '[::1]:9464'; found 'localhost:9464'",
        ])
    }
}
