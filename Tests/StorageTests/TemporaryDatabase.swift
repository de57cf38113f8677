import Foundation
import Storage

/// A fresh directory for one test's database, removed when the test ends.
struct TemporaryDatabase: ~Copyable {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("veilleur-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var path: String { directory.appendingPathComponent("veilleur.sqlite").path }

    func open() throws -> SQLiteStore { try SQLiteStore(path: path) }
}
