import Yams

/// A 1-based line and column; Yams's `Mark` cannot be created outside Yams.
struct Position: Equatable {
    let line: Int
    let column: Int

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}
