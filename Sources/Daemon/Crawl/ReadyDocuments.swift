import Synchronization

/// The documents of a crawl pass that are parsed and matched, waiting for the task that records them.
final class ReadyDocuments<Document: Sendable>: Sendable {
    private let documents = Mutex<[Document]>([])

    func append(_ document: Document) {
        documents.withLock { $0.append(document) }
    }

    /// Removes and returns the oldest `limit` documents waiting, if any.
    func take(_ limit: Int) -> [Document] {
        documents.withLock { waiting in
            let taken = Array(waiting.prefix(limit))
            waiting.removeFirst(taken.count)
            return taken
        }
    }
}
