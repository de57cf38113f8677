import Testing
@testable import Configuration

/// The budget counts only what aliases could multiply: a file without one is bounded by its size alone.
@Suite struct ExpansionBudgetTests {
    private let tenValues = FileLimits(bytes: 1 << 20, expandedValues: 10, expandedBytes: 1 << 20)

    @Test("A file without an alias is not counted, however many values it spells out")
    func fileWithoutAliasIsNotCounted() throws {
        let list = "words: [" + (0..<20).map { "w\($0)" }.joined(separator: ", ") + "]\n"
        try ExpansionBudget.check(list, within: tenValues)
    }

    @Test("The same values behind one alias are counted and refused at the alias")
    func sameValuesBehindAnAlias() {
        let list = "words: &w [" + (0..<5).map { "w\($0)" }.joined(separator: ", ") + "]\nagain: *w\n"
        #expect(throws: ExpansionBudget.Refusal.self) { try ExpansionBudget.check(list, within: tenValues) }
    }
}
