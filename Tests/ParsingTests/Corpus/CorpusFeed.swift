import Foundation

/// One feed file of the shared corpus with feedparser's reference output for it.
struct CorpusFeed {
    /// The path below `corpus/feeds`, as the errata and the reports name it.
    let path: String
    let bytes: [UInt8]
    /// `content-location` from the file's `.headers.json`, the only base feedparser was given.
    let url: String?
    let contentType: String?
    let reference: Reference

    /// The fields of a `.expected.json` that are compared.
    struct Reference: Decodable {
        struct Entry: Decodable {
            let title: String?
            let link: String?
            let id: String?
            let published: String?
            let updated: String?
            let author: String?
            let summaryText: String?
            let contentText: String?
            let categories: [String]

            enum CodingKeys: String, CodingKey {
                case title, link, id, published, updated, author, categories
                case summaryText = "summary_text"
                case contentText = "content_text"
            }
        }
        /// The channel-level fields compared.
        struct Feed: Decodable {
            let title: String?
            let link: String?
            let language: String?
        }
        let bozo: Bool
        let feed: Feed
        let entries: [Entry]
    }

    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/feeds").standardizedFileURL

    /// The corpus lives beside the repository, in `../shared`; a clone elsewhere has none.
    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// Every file that has a reference, sorted by path.
    static func loadAll() throws -> [CorpusFeed] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var feeds: [CorpusFeed] = []
        for case let file as URL in enumerator {
            let referenceURL = URL(fileURLWithPath: file.path + ".expected.json")
            guard !file.path.hasSuffix(".json"), manager.fileExists(atPath: referenceURL.path) else { continue }
            let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: referenceURL))
            let headersURL = URL(fileURLWithPath: file.path + ".headers.json")
            var headers: [String: String] = [:]
            if manager.fileExists(atPath: headersURL.path) {
                headers = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: headersURL))
            }
            feeds.append(CorpusFeed(
                path: String(file.path.dropFirst(folder.path.count + 1)),
                bytes: Array(try Data(contentsOf: file)),
                url: headers["content-location"],
                contentType: headers["content-type"],
                reference: reference
            ))
        }
        return feeds.sorted { $0.path < $1.path }
    }
}
