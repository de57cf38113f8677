import Foundation

/// `STATE/metrics/veilleur.prom`, for node_exporter's textfile collector: replaced by renaming a complete
/// file, so a collector never reads half of one.
struct MetricsTextfile: Sendable {
    let file: URL

    /// Writes `text` in place of the previous file.
    func write(_ text: [UInt8]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // node_exporter reads only `*.prom`, so the temporary file Foundation writes beside it is never read.
        try Data(text).write(to: file, options: .atomic)
    }
}
