import Alerts
import Foundation
import Testing

@Suite("Alert folder")
struct AlertFolderTests {
    @Test("Writing creates the folder and the file, and leaves no temporary file")
    func writes() throws {
        let temporary = try TemporaryFolder()
        let folder = AlertFolder(url: temporary.url.appendingPathComponent("alerts"))
        let path = try folder.write(Data("{}\n".utf8), named: "p-1.json")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("{}\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["p-1.json"])
    }

    @Test("Writing an alert again replaces its file: still one file")
    func rewrite() throws {
        let temporary = try TemporaryFolder()
        let folder = AlertFolder(url: temporary.url)
        try folder.write(Data("a".utf8), named: "p-1.json")
        try folder.write(Data("b".utf8), named: "p-1.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["p-1.json"])
        #expect(try String(contentsOf: folder.url.appendingPathComponent("p-1.json"), encoding: .utf8) == "b")
    }

    @Test("A folder that cannot be created is an error naming it")
    func unwritable() throws {
        let temporary = try TemporaryFolder()
        let blocker = temporary.url.appendingPathComponent("file")
        try Data().write(to: blocker)
        #expect(throws: AlertError.self) { try AlertFolder(url: blocker.appendingPathComponent("alerts")).write(Data(), named: "p-1.json") }
    }
}
