import Configuration
import Foundation
import Model
import Testing

/// `digest: {layout: ranked | by_topic}` in a profile file.
@Suite("Digest layout of a profile")
struct DigestOptionsTests {
    private let topics = "topics:\n  - name: A\n    keywords: [a]\n"

    private func load(_ profile: String) throws -> Result<Profile?, ConfigurationError> {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "profiles/p.yaml": profile])
        do {
            return .success(try Configuration.load(directory: folder.url).profiles.first)
        } catch {
            return .failure(error)
        }
    }

    @Test("A profile is ranked unless its digest mapping asks for topics", arguments: [
        ("", DigestLayout.ranked), ("digest: {layout: ranked}\n", .ranked), ("digest:\n  layout: by_topic\n", .byTopic),
    ])
    func layouts(yaml: String, layout: DigestLayout) throws {
        let profile = try load("kind: cluster\n" + yaml + topics).get()
        #expect(profile?.digestLayout == layout)
    }

    @Test("An unknown layout or key is refused at its place, naming the valid ones")
    func refused() throws {
        guard case .failure(let error) = try load("kind: cluster\ndigest: {layout: grouped}\n" + topics) else {
            Issue.record("an unknown layout was accepted")
            return
        }
        #expect(error.issues.map(\.description).contains { $0.hasSuffix("p.yaml:2:18: unknown digest layout 'grouped'; expected one of: ranked, by_topic") })
        guard case .failure(let key) = try load("kind: cluster\ndigest: {layuot: ranked}\n" + topics) else {
            Issue.record("an unknown key was accepted")
            return
        }
        #expect(key.issues.map(\.description).contains { $0.contains("unknown key 'layuot'; did you mean 'layout'?") })
    }
}
