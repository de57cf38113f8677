/// What a link read from a document may be: an http(s) URL or a relative reference, never `file:`,
/// `javascript:` or any other scheme a digest or a crawler should not follow.
public enum LinkInvariants {
    public static func check(_ link: String?, field: String) {
        guard let link else { return }
        PlainTextInvariants.check(link, field: field)
        guard let scheme = scheme(of: link) else { return }
        Invariant.require(scheme == "http" || scheme == "https", "\(field) has scheme \(scheme): \(link.debugDescription)")
    }

    /// The lowercased scheme of an absolute URI reference (RFC 3986 §3.1), nil for a relative one.
    public static func scheme(of link: String) -> String? {
        var scheme = ""
        for scalar in link.unicodeScalars {
            switch scalar {
            case ":":
                return scheme.isEmpty ? nil : scheme.lowercased()
            case "a"..."z", "A"..."Z":
                scheme.unicodeScalars.append(scalar)
            case "0"..."9", "+", "-", ".":
                guard !scheme.isEmpty else { return nil }
                scheme.unicodeScalars.append(scalar)
            default:
                return nil
            }
        }
        return nil
    }
}
