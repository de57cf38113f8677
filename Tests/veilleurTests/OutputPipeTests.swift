import Foundation
import Testing

@testable import veilleur

#if canImport(Glibc)
import Glibc
#endif

/// Standard output's pipe is enlarged when it is one, best effort, and nothing else is touched.
@Suite struct OutputPipeTests {
    static let getSize: Int32 = 1032  // F_GETPIPE_SZ

    @Test("a pipe of the default 64 KiB is enlarged to 1 MiB, or to the most the system allows")
    func enlargesPipe() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let capacity = try #require(OutputPipe.enlarge(ends[1]))
        #expect(capacity == Int(fcntl(ends[1], Self.getSize)))
        let maximum = (try? String(contentsOfFile: "/proc/sys/fs/pipe-max-size", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? OutputPipe.preferredCapacity
        #expect(capacity >= min(OutputPipe.preferredCapacity, maximum))
    }

    @Test("a pipe already larger than asked is left as it is")
    func keepsLargerPipe() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let before = Int(fcntl(ends[1], Self.getSize))
        #expect(OutputPipe.enlarge(ends[1], to: before / 2) == before)
        #expect(Int(fcntl(ends[1], Self.getSize)) == before)
    }

    @Test("a regular file is not a pipe, and is left alone")
    func notAPipe() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("out.txt", []).path
        let descriptor = open(path, O_WRONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        #expect(OutputPipe.enlarge(descriptor) == nil)
    }
}
