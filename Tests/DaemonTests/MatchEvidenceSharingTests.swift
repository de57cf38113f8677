import Model
import Testing

@testable import Daemon

/// Matches of one item keep what each found, and equal lists of successive matches become one array.
@Suite struct MatchEvidenceSharingTests {
    private func address<Element>(_ array: [Element]) -> UnsafeRawPointer? {
        array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("equal lists of successive matches are one array afterwards, and every match keeps its own values")
    func sharesEqualLists() {
        let word = MatchedSurface(field: .title, text: "hydrogène")
        let matches = [
            Match(profile: "a", score: 1, topics: ["Énergie"], terms: ["hydrogène"], surfaces: [word]),
            Match(profile: "b", score: 2, topics: ["Énergie"], terms: ["hydrogène"], surfaces: [word]),
            Match(profile: "c", score: 3, topics: ["Industrie"], terms: ["hydrogène"], surfaces: [MatchedSurface(field: .summary, text: "hydrogène")]),
            Match(profile: "d", score: 4, topics: ["Industrie"], terms: [], surfaces: []),
        ]
        let shared = matches.sharingEvidence()
        #expect(shared == matches)
        #expect(address(shared[1].topics) == address(shared[0].topics))
        #expect(address(shared[1].terms) == address(shared[0].terms))
        #expect(address(shared[1].surfaces) == address(shared[0].surfaces))
        #expect(address(shared[2].terms) == address(shared[1].terms))
        #expect(address(shared[2].topics) != address(shared[1].topics))
        #expect(address(shared[3].topics) == address(shared[2].topics))
    }

    @Test("no match, or one, is returned as it is")
    func fewMatches() {
        #expect([Match]().sharingEvidence().isEmpty)
        let one = [Match(profile: "a", score: 1, topics: ["T"], terms: ["t"])]
        #expect(one.sharingEvidence() == one)
    }
}
