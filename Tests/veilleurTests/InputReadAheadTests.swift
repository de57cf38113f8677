import Foundation
import Testing
@testable import veilleur

/// `parse` reads the small files of its inputs ahead on another thread, and hands them over in their order.
@Suite struct InputReadAheadTests {
    /// What one entry says, in a form two entries compare by.
    enum Seen: Equatable {
        case bytes(String, [UInt8])
        case left(String)
        case refused(String)
        case listProblem(String)
    }

    static func all(_ readAhead: InputReadAhead) -> [Seen] {
        var seen: [Seen] = []
        while let entry = readAhead.next() {
            switch entry {
            case .file(let path, let file):
                #expect(file.url == URL(fileURLWithPath: path, isDirectory: false).absoluteString)
                switch file.readAhead {
                case .success(let bytes): seen.append(.bytes(path, bytes))
                case .failure(let error): seen.append(.refused(error.description))
                case nil: seen.append(.left(path))
                }
            case .url(let url): seen.append(.left(url))
            case .listProblem(let error): seen.append(.listProblem(error.description))
            }
        }
        return seen
    }

    @Test("entries of a list many times longer than what is read ahead come in order, problems in their place")
    func longListKeepsItsOrder() throws {
        let folder = try TemporaryFolder()
        var list: [UInt8] = []
        var expected: [Seen] = []
        for number in 0..<(InputReadAhead.maxEntriesAhead * 5 + 3) {
            let path = folder.url.appendingPathComponent("\(number).xml").path
            let bytes = Array("feed \(number)".utf8)
            switch number % 37 {
            case 5:
                expected.append(.refused("\(path) does not exist"))
            case 11:
                list += Array("bad\u{0}line\n".utf8)
                expected.append(.listProblem("\(folder.url.path)/list.txt:\(number + 1): line holds a NUL byte, skipped"))
                continue
            default:
                _ = try folder.file("\(number).xml", bytes)
                expected.append(.bytes(path, bytes))
            }
            list += Array((path + "\n").utf8)
        }
        let listPath = try folder.file("list.txt", list).path
        #expect(Self.all(InputReadAhead(inputs: [], listPath: listPath)) == expected)
    }

    @Test("arguments come before the list, URLs and large files are left to the parse, a missing list comes last")
    func argumentsThenList() throws {
        let folder = try TemporaryFolder()
        let small = try folder.file("small.xml", Array("small".utf8)).path
        let large = try folder.file("large.xml", Array(repeating: 0x20, count: InputReadAhead.readAheadLimit)).path
        let missingList = folder.url.appendingPathComponent("absent.txt").path
        let seen = Self.all(InputReadAhead(inputs: [large, "https://example.org/feed", small], listPath: missingList))
        #expect(seen == [
            .left(large), .left("https://example.org/feed"), .bytes(small, Array("small".utf8)),
            .listProblem("\(missingList) cannot be read (no such file)"),
        ])
    }

    @Test("a directory or an empty file read ahead is refused as the parse would refuse it")
    func refusalsMatchTheParse() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.file("empty.xml", []).path
        let seen = Self.all(InputReadAhead(inputs: [folder.url.path, empty], listPath: nil))
        #expect(seen == [.refused("\(folder.url.path) is a directory"), .refused("\(empty) is empty")])
    }
}

/// `parse` writes its lines on another thread and keeps them in order with its messages.
@Suite struct ParseOutputOrderTests {
    @Test("with many inputs, each message on standard error follows the lines of the inputs before it")
    func messagesFollowTheirLines() throws {
        let folder = try TemporaryFolder()
        var list = ""
        var expected = ""
        for number in 0..<400 {
            if number % 150 == 75 {
                let missing = folder.url.appendingPathComponent("missing-\(number).xml").path
                list += missing + "\n"
                expected += "\(missing) does not exist\n"
                continue
            }
            let items = (0..<(number % 3)).map { "<item><title>t\(number)-\($0)</title></item>" }.joined()
            let path = try folder.file("\(number).xml", Array("<rss version=\"2.0\"><channel>\(items)</channel></rss>".utf8)).path
            list += path + "\n"
            for item in 0..<(number % 3) { expected += "-  t\(number)-\(item)  \n" }
        }
        let listPath = try folder.file("list.txt", Array(list.utf8)).path
        let result = try CommandRunner.runMergingStandardError(["parse", "--files-from", listPath])
        #expect(result.status != 0)
        #expect(result.stdout == expected)
    }
}
