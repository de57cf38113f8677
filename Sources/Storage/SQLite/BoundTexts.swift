/// The UTF-8 of many texts in one buffer, for statements that bind them in place
/// (`Statement.bind(_:inPlace:)`) instead of handing SQLite a copy of each at every bind.
struct BoundTexts {
    private var bytes: [UInt8] = []

    /// Appends `text`; returns where its bytes lie.
    mutating func append(_ text: String) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return start..<bytes.count
    }

    /// Runs `body` with a function that gives the bytes of a range `append` returned; they stay valid, and in
    /// place, until `body` returns.
    func withBytes<Value>(
        _ body: ((Range<Int>) -> UnsafeRawBufferPointer) throws(StorageError) -> Value
    ) throws(StorageError) -> Value {
        let outcome: Result<Value, StorageError> = bytes.withUnsafeBytes { buffer in
            do throws(StorageError) {
                return .success(try body { range in UnsafeRawBufferPointer(rebasing: buffer[range]) })
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
