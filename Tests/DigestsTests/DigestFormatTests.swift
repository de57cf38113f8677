import Digests
import Foundation
import Testing

/// The list of formats is the one place the writer, the `latest/` copies and the index take them from.
@Suite("The list of digest formats")
struct DigestFormatTests {
    @Test("A digest is written once per format, in the list's order, and each file is that format's rendering")
    func writtenPerFormat() throws {
        let directory = try TemporaryDirectory()
        let sample = digest([entry("Un", score: 1)])
        let urls = try DigestWriter(root: directory.url).write(sample)
        #expect(urls.map(\.lastPathComponent) == DigestFormat.allCases.map { "xr.\($0.fileExtension)" })
        for (format, url) in zip(DigestFormat.allCases, urls) {
            #expect(try Array(Data(contentsOf: url)) == format.render(sample), "\(format)")
        }
    }

    @Test("latest/ holds a copy per format and the index links every format of every digest")
    func latestAndIndexFollowTheList() throws {
        let directory = try TemporaryDirectory()
        _ = try DigestWriter(root: directory.url).write(digest([entry("Un", score: 1)]))
        let latest = directory.url.appendingPathComponent("latest")
        #expect(try directory.contents(of: latest) == DigestFormat.allCases.map { "xr.\($0.fileExtension)" }.sorted())
        let index = try String(contentsOf: directory.url.appendingPathComponent("index.html"), encoding: .utf8)
        for format in DigestFormat.allCases {
            #expect(index.contains("href=\"latest/xr.\(format.fileExtension)\" rel=\"noopener noreferrer\">\(format.displayName)</a>"))
            #expect(index.contains("href=\"2026-11-26/xr.\(format.fileExtension)\""))
        }
    }

    @Test("The index order lists every format once")
    func indexOrderIsComplete() {
        #expect(Set(DigestFormat.indexOrder) == Set(DigestFormat.allCases))
        #expect(DigestFormat.indexOrder.count == DigestFormat.allCases.count)
    }
}
