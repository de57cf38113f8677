import Testing

@testable import Storage

/// Text bound in place (`Statement.bind(_:inPlace:)`) must read back exactly as a copied bind would store it.
@Suite("Texts bound in place")
struct BoundTextsTests {
    private func storedTexts(_ values: [String]) throws -> [String?] {
        let connection = try Connection(path: ":memory:", busyTimeoutMilliseconds: 0)
        try connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT)", operation: "test")
        var texts = BoundTexts()
        let ranges = values.map { texts.append($0) }
        try texts.withBytes { text throws(StorageError) in
            try connection.withStatement("INSERT INTO t (n, v) VALUES (?1, ?2)", operation: "test") { insert throws(StorageError) in
                for (number, range) in ranges.enumerated() {
                    try insert.bind(1, number)
                    try insert.bind(2, inPlace: text(range))
                    try insert.run()
                }
            }
        }
        return try connection.withStatement("SELECT v FROM t ORDER BY n", operation: "test") { select throws(StorageError) in
            var stored: [String?] = []
            while try select.step() { stored.append(select.string(0)) }
            return stored
        }
    }

    @Test("Each text of one buffer is stored whole: accents, an embedded NUL, JSON quotes, and an empty text as empty, not NULL")
    func storedWhole() throws {
        let values = ["énergie", "a\u{0}b", "", "[\"Cybersécurité\",\"R&D\"]", "", "p0001"]
        #expect(try storedTexts(values) == values)
    }

    @Test("A buffer holding only empty texts stores empty texts")
    func onlyEmpty() throws {
        #expect(try storedTexts(["", ""]) == ["", ""])
    }
}
