import TextNormalization
/// What a word is compared by. Every comparison between a profile's words and an item's words goes through
/// ``make(_:stem:)``: the matcher builds its trie from the keys of terms and looks items up by the keys of
/// their tokens, so changing how a word is reduced (Snowball in place of ``PluralFolding``) is a change to
/// that one function.
///
/// Prefix wildcards (`cyber*`) are the one comparison that does not use keys: a prefix is compared with
/// the start of the folded token, whatever its ending.
enum MatchKey: Hashable, Sendable {
    /// The folded token itself.
    case exact(String)
    /// The token reduced to its stem in a language; keys of different languages never meet.
    case stem(Language, String)

    /// The key of a folded token (see `TextNormalization.Tokenizer`), compared as it is or by its stem.
    static func make(_ token: String, stem language: Language?) -> MatchKey {
        guard let language else { return .exact(token) }
        return .stem(language, PluralFolding.stem(token, language: language))
    }
}
