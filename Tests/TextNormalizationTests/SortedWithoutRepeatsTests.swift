import SeededRandom
import Testing
import TextNormalization

@Suite("Sorted without repeats")
struct SortedWithoutRepeatsTests {
    @Test("Random arrays come out ascending with each value once, as through a set")
    func agreesWithASet() {
        var generator = SplitMix(seed: 21)
        for length in [0, 1, 2, 20, 300] {
            let values = (0..<length).map { _ in Int64.random(in: -20...20, using: &generator) }
            #expect(values.sortedWithoutRepeats() == Array(Set(values)).sorted(), "values: \(values)")
        }
    }
}
