import Model

/// What importing a list of subscriptions into the configured sources would add and skip, decided
/// before anything is written.
public struct SourcesImport: Sendable, Equatable {
    /// Why a subscription is not imported.
    public enum Reason: Sendable, Equatable {
        /// Its URL is already the URL of this configured source.
        case alreadyConfigured(source: String)
        /// Its URL came earlier in the same file, at this line.
        case repeated(line: Int)
        /// Its URL breaks the rule of `sources.yaml`; the message says how.
        case invalidURL(String)
    }

    /// A subscription left out, and why.
    public struct Skip: Sendable, Equatable {
        /// The subscription as read.
        public var subscription: Subscription
        /// Why it is left out.
        public var reason: Reason
    }

    /// The sources to append, in the order of the file, names unique among all sources.
    public var added: [Source]
    /// The subscriptions left out, in the order of the file.
    public var skipped: [Skip]

    /// Decides the import of `subscriptions` beside `existing`.
    ///
    /// Names come from titles (see `SourceName`), made unique with `-2`, `-3`…; tags from the folders
    /// around each subscription and its `category` entries, slugified, then `extraTags`; a URL already
    /// configured or seen earlier in the file (compared with scheme and host lowercased, without a
    /// trailing slash) is skipped, and so is one that `sources.yaml` would refuse.
    /// - Parameter progress: called after each subscription with the number decided so far and the
    ///   plan up to there.
    public static func plan(
        _ subscriptions: [Subscription], existing: [Source], extraTags: [String] = [], interval: Double,
        progress: (_ decided: Int, _ partial: SourcesImport) -> Void = { _, _ in }
    ) -> SourcesImport {
        var names = Set(existing.map(\.name))
        let configured = Dictionary(existing.map { (SourceURL.comparable($0.url), $0.name) }, uniquingKeysWith: { first, _ in first })
        var seen: [String: Int] = [:]
        var result = SourcesImport(added: [], skipped: [])
        for (index, subscription) in subscriptions.enumerated() {
            defer { progress(index + 1, result) }
            if let problem = SourceURL.problem(with: subscription.feedURL) {
                result.skipped.append(Skip(subscription: subscription, reason: .invalidURL(problem)))
                continue
            }
            let key = SourceURL.comparable(subscription.feedURL)
            if let source = configured[key] {
                result.skipped.append(Skip(subscription: subscription, reason: .alreadyConfigured(source: source)))
                continue
            }
            if let line = seen[key] {
                result.skipped.append(Skip(subscription: subscription, reason: .repeated(line: line)))
                continue
            }
            seen[key] = subscription.line
            let name = SourceName.unique(SourceName.derived(title: subscription.title, url: subscription.feedURL), among: names)
            names.insert(name)
            result.added.append(Source(
                name: name, url: subscription.feedURL, tags: tags(of: subscription, extra: extraTags), interval: interval))
        }
        return result
    }

    /// Folder titles outermost first, then each path of `category`, then the extra tags; slugs, once each.
    private static func tags(of subscription: Subscription, extra: [String]) -> [String] {
        let categoryParts = subscription.categories.flatMap { $0.split(separator: "/").map(String.init) }
        var tags: [String] = []
        for label in subscription.folders + categoryParts + extra {
            let tag = SourceName.slug(label)
            if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }
}
