import Foundation
import Testing
@testable import veilleur

/// `parse --files-from` reads its list as untrusted input: one entry a line, bounded, every bad line named.
@Suite struct InputListTests {
    /// Every entry of the list at `path` and every error met, in order.
    static func read(_ path: String) throws -> [Result<String, InputListError>] {
        var list = try InputList(path: path)
        var results: [Result<String, InputListError>] = []
        while true {
            do {
                guard let entry = try list.next() else { return results }
                results.append(.success(entry))
            } catch {
                results.append(.failure(error))
            }
        }
    }

    static func entries(_ results: [Result<String, InputListError>]) -> [String] {
        results.compactMap { try? $0.get() }
    }

    @Test("entries come one a line, CRLF or LF, blank lines skipped, spaces inside kept, the last line without its newline")
    func linesBecomeEntries() throws {
        let folder = try TemporaryFolder()
        let list = try folder.file("list", Array("a.xml\r\n\n  b c.xml \nhttps://example.org/feed?x=1&y=2\n\r\nlast.xml".utf8))
        let results = try Self.read(list.path)
        #expect(Self.entries(results) == ["a.xml", "  b c.xml ", "https://example.org/feed?x=1&y=2", "last.xml"])
        #expect(results.count == 4)
    }

    @Test("a line longer than the bound is reported with its number and skipped, and the entries after it still come")
    func overlongLineIsSkipped() throws {
        let folder = try TemporaryFolder()
        // Longer than a read chunk, so that the line is crossed over several reads without being gathered.
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * InputList.chunkSize)
        let atBound = [UInt8](repeating: UInt8(ascii: "y"), count: InputList.maxLineBytes)
        let overBound = atBound + [UInt8(ascii: "z")]
        let bytes = Array("first\n".utf8) + long + [0x0A] + atBound + [0x0D, 0x0A] + overBound + Array("\nafter\n".utf8)
        let list = try folder.file("list", bytes)
        let results = try Self.read(list.path)
        #expect(Self.entries(results) == ["first", String(decoding: atBound, as: UTF8.self), "after"])
        let errors = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(errors == [
            InputListError(list: list.path, line: 2, problem: .lineTooLong), InputListError(list: list.path, line: 4, problem: .lineTooLong),
        ])
        #expect(errors.first?.description == "\(list.path):2: line longer than 4096 bytes, skipped")
    }

    @Test("an unending line (no newline at all) is reported once at the end of the input")
    func unendingLineIsReportedOnce() throws {
        let folder = try TemporaryFolder()
        let list = try folder.file("list", [UInt8](repeating: 0x41, count: InputList.maxLineBytes * 40))
        let results = try Self.read(list.path)
        #expect(results.count == 1)
        #expect(throws: InputListError(list: list.path, line: 1, problem: .lineTooLong)) { try results[0].get() }
    }

    @Test("lines holding a NUL or bytes that are not UTF-8 are reported and skipped")
    func binaryLinesAreSkipped() throws {
        let folder = try TemporaryFolder()
        let list = try folder.file("list", Array("a\n".utf8) + [0x62, 0x00, 0x63, 0x0A] + [0x64, 0xE9, 0x0A] + Array("e\n".utf8))
        let results = try Self.read(list.path)
        #expect(Self.entries(results) == ["a", "e"])
        let problems = results.compactMap { if case .failure(let error) = $0 { error.problem } else { nil } }
        #expect(problems == [.nulByte, .notUTF8])
    }

    @Test("reading stops after the most entries a list may give, saying so once")
    func entryCountIsBounded() throws {
        let folder = try TemporaryFolder()
        let list = try folder.file("list", Array(String(repeating: "f\n", count: InputList.maxEntries + 5).utf8))
        let results = try Self.read(list.path)
        #expect(Self.entries(results).count == InputList.maxEntries)
        #expect(results.count == InputList.maxEntries + 1)
        #expect(throws: InputListError(list: list.path, line: InputList.maxEntries + 1, problem: .tooManyEntries)) { try results.last?.get() }
    }

    @Test("a list that is a directory or does not exist is refused in plain words")
    func unreadableListsAreRefused() throws {
        let folder = try TemporaryFolder()
        #expect(throws: InputListError(list: folder.url.path, problem: .directory)) { _ = try InputList(path: folder.url.path) }
        let missing = folder.url.appendingPathComponent("absent").path
        #expect(throws: InputListError(list: missing, problem: .unreadable(reason: "no such file"))) { _ = try InputList(path: missing) }
        #expect(InputListError(list: missing, problem: .unreadable(reason: "no such file")).description == "\(missing) cannot be read (no such file)")
    }
}
