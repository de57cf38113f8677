import Alerts
import Foundation
import Model

/// A fixed instant, so that tests never read the clock.
let t0 = Date(timeIntervalSince1970: 1_795_000_000)

func alert(id: Int64 = 1, profile: String = "hydrogene", itemID: Int64 = 42, title: String? = "Un électrolyseur à Bouin", attempts: Int = 0) -> Alert {
    Alert(
        id: id, profile: profile, itemID: itemID, source: "presse",
        item: FeedItem(id: "urn:x:1", title: title, link: "https://presse.example/a?b=1&c=2", published: t0, summaryText: "Résumé"),
        score: 81.234, topics: ["Hydrogène"], terms: ["électrolyseur"], createdAt: t0, attempts: attempts)
}

/// A folder of its own under the temporary folder, removed when the value goes.
struct TemporaryFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-alerts-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes an executable shell script named `name` and returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try writeExecutable("#!/bin/sh\n" + body + "\n", to: path)
        return path
    }
}

/// Writes an executable file through a descriptor closed on exec: a command another test starts meanwhile
/// must not inherit it open for writing, or running the file fails with ETXTBSY.
func writeExecutable(_ text: String, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
