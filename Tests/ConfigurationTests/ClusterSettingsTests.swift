import Configuration
import Foundation
import Testing

/// `cluster.lease` and `cluster.pass_size` in `veilleur.yaml`.
@Suite struct ClusterSettingsTests {
    private func load(_ settings: String) throws -> (Result<Settings, ConfigurationError>, path: String) {
        try loadSettings(settings)
    }

    @Test("Without a cluster block, leases last ten minutes and a pass claims sixteen sources per transfer slot")
    func defaults() throws {
        let (result, _) = try load("fetch:\n  concurrency: 4\n")
        let settings = try result.get()
        #expect(settings.lease == 600)
        #expect(settings.passSize == nil)
        #expect(settings.claimLimit == 64)
        #expect(Settings().claimLimit == 256)
    }

    @Test("The lease and pass size are read; a lease of seconds is allowed")
    func valuesAreRead() throws {
        let (result, _) = try load("cluster:\n  lease: 5s\n  pass_size: 40\n")
        let settings = try result.get()
        #expect(settings.lease == 5)
        #expect(settings.claimLimit == 40)
    }

    @Test("A lease too short, too long or not a duration, a pass size out of range and an unknown key are located")
    func mistakesAreLocated() throws {
        let (result, path) = try load("""
            cluster:
              lease: 500ms
              pass_size: 0
              heartbeat: 1m
            """)
        guard case .failure(let error) = result else {
            Issue.record("the settings should not load")
            return
        }
        #expect(error.issues.map(\.description) == [
            "\(path):4:3: unknown key 'heartbeat'; expected one of: lease, pass_size",
            "\(path):2:10: lease must be between 1s and 1d, found '500ms'",
            "\(path):3:14: pass_size must be at least 1, found 0",
        ])
        let (more, morePath) = try load("cluster:\n  lease: 2d\n  pass_size: 50001\n")
        guard case .failure(let moreError) = more else {
            Issue.record("the settings should not load")
            return
        }
        #expect(moreError.issues.map(\.description) == [
            "\(morePath):2:10: lease must be between 1s and 1d, found '2d'",
            "\(morePath):3:14: pass_size must be at most 50000, the most sources sources.yaml may list; found 50001",
        ])
        let (notDuration, notDurationPath) = try load("cluster:\n  lease: soon\n")
        guard case .failure(let notDurationError) = notDuration else {
            Issue.record("the settings should not load")
            return
        }
        #expect(notDurationError.issues.map(\.description) == [
            "\(notDurationPath):2:10: expected a duration such as '90s', '15m', '1h', '1d' or a number of seconds, found 'soon'",
        ])
    }
}
