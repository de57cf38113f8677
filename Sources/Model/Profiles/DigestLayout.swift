/// How a profile's digest lists its entries: `digest: {layout: ranked | by_topic}` in its file.
public enum DigestLayout: String, Sendable, CaseIterable {
    /// One list, best score first (the default).
    case ranked
    /// A section per topic, each entry under its strongest topic, sections in the order of their best entry.
    case byTopic = "by_topic"
}
