/// The language an HTTP `Content-Language` header gives a document that declares none itself.
enum ContentLanguage {
    /// The first language tag of a header value (`fr-FR, en` → `fr-FR`), or nil when it holds none: only
    /// letters, digits and hyphens, at most 35 characters (BCP 47's longest well-formed tags), as the value
    /// reaches the stored document and the digests.
    static func tag(fromHeader value: String?) -> String? {
        guard let first = value?.split(separator: ",").first else { return nil }
        let tag = first.trimmingPrefix(while: \.isWhitespace).prefix { !$0.isWhitespace && $0 != ";" }
        guard !tag.isEmpty, tag.count <= 35,
              tag.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }),
              tag.first?.isLetter == true
        else { return nil }
        return String(tag)
    }
}
