import Testing
@testable import Configuration

/// The budget bounds what a file stands for, aliases or not; a file too small to pass it is not counted.
@Suite struct ExpansionBudgetTests {
    private let tenValues = FileLimits(bytes: 1 << 20, expandedValues: 10, expandedBytes: 1 << 20)

    @Test("A file without an alias that spells out more values than the budget is still refused")
    func fileWithoutAliasOverBudget() {
        let list = "words: [" + (0..<20).map { "w\($0)" }.joined(separator: ", ") + "]\n"
        #expect(throws: ExpansionBudget.Refusal.self) { try ExpansionBudget.check(list, within: tenValues) }
    }

    @Test("A file without an alias within the budget passes")
    func fileWithoutAliasWithinBudget() throws {
        try ExpansionBudget.check("words: [a, b]\n", within: FileLimits(bytes: 1 << 20, expandedValues: 100, expandedBytes: 1 << 20))
    }

    @Test("The same values behind one alias are counted and refused at the alias")
    func sameValuesBehindAnAlias() {
        let list = "words: &w [" + (0..<5).map { "w\($0)" }.joined(separator: ", ") + "]\nagain: *w\n"
        #expect(throws: ExpansionBudget.Refusal.self) { try ExpansionBudget.check(list, within: tenValues) }
    }
}
