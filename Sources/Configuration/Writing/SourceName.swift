import Foundation
import TextNormalization

/// Source names derived from feed titles: folded to lowercase ASCII words joined by `-`, so that they
/// need no quoting in YAML, read well in logs and can be typed in a profile's `sources:`.
enum SourceName {
    /// The longest name derived, in characters.
    static let maximumLength = 48

    /// `text` as a slug (`Le Monde — Économie` → `le-monde-economie`); empty when nothing of it is
    /// a letter or a digit.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in TextFolding.fold(text).unicodeScalars {
            let isWordCharacter = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            guard isWordCharacter else {
                pendingDash = !slug.isEmpty
                continue
            }
            if pendingDash { slug.append("-") }
            pendingDash = false
            slug.unicodeScalars.append(scalar)
        }
        guard slug.count > maximumLength else { return slug }
        let cut = slug.prefix(maximumLength)
        return String(cut.hasSuffix("-") ? cut.dropLast() : cut)
    }

    /// The name for a feed titled `title` at `url`: the title's slug, else its host's, else `feed`.
    static func derived(title: String, url: String) -> String {
        let fromTitle = slug(title)
        if !fromTitle.isEmpty { return fromTitle }
        let fromHost = slug(URLComponents(string: url)?.host ?? "")
        return fromHost.isEmpty ? "feed" : fromHost
    }

    /// `base`, or `base-2`, `base-3`… whichever is not in `taken`.
    static func unique(_ base: String, among taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var suffix = 2
        while taken.contains("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }
}
