extension Profile {
    /// Why a profile does not read a source.
    public enum SourceRefusal: Sendable, Equatable {
        /// The source is listed in the profile's `sources.exclude`.
        case excluded
        /// The profile selects sources by `include_tags` and this source carries none of them.
        case untagged
    }

    /// Why this profile ignores `source`, or nil when it reads it.
    public func refusal(of source: Source) -> SourceRefusal? {
        if excludedSources.contains(source.name) { return .excluded }
        if !includeTags.isEmpty, !source.tags.contains(where: includeTags.contains) { return .untagged }
        return nil
    }

    /// Whether items of `source` can match this profile.
    public func reads(_ source: Source) -> Bool {
        refusal(of: source) == nil
    }
}
