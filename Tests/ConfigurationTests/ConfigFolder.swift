import Configuration
import Foundation

/// A configuration folder written to a fresh temporary directory, removed when the test is done with it.
struct ConfigFolder: ~Copyable {
    let url: URL

    init(files: [String: String], folders: [String] = ["profiles"]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for folder in folders {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (path, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(path))
        }
    }

    /// The path of a file of the folder, as issues spell it.
    func path(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A `sources.yaml` declaring two valid sources, for tests about other files.
let twoSources = """
    sources:
      - name: pole-mer
        url: https://example.org/feed.xml
        tags: [cluster, mer]
      - name: gazette
        url: http://example.com/rss
    """

/// Loads a configuration of `twoSources` with `settings` as `veilleur.yaml`: its settings, or the error, and the
/// file's path as issues name it.
func loadSettings(_ settings: String) throws -> (Result<Settings, ConfigurationError>, path: String) {
    let folder = try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": settings])
    let path = folder.path("veilleur.yaml")
    do {
        return (.success(try Configuration.load(directory: folder.url).settings), path)
    } catch {
        return (.failure(error), path)
    }
}
