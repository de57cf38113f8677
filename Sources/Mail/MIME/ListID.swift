/// `List-Id` values for a profile's digests (RFC 2919): `SLUG.veilleur.DOMAIN`.
public enum ListID {
    /// The id for `profile`: its ASCII letters and digits, lower-cased, other runs turned into one `-`
    /// (a profile id with none gets a hash), under the sender's `domain`.
    public static func make(profile: String, domain: Substring) -> String {
        var slug = ""
        for scalar in profile.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        if slug.isEmpty { slug = MessageID.hash(profile) }
        return "\(slug.prefix(60)).veilleur.\(domain)"
    }
}
