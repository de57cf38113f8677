/// How a stored item is recognised when it comes back, from the same source or another one.
enum ItemIdentity {
    /// The key a GUID is deduplicated under.
    ///
    /// A GUID that names itself globally (a URL, a URN or tag URI, anything with a scheme-like colon, or a
    /// long opaque token such as a UUID) is the same item whichever feed carries it. Short local GUIDs such
    /// as "1" or "42", which many CMSs emit, only identify an item within their own source; keyed globally
    /// they would fold unrelated items of different feeds into one.
    static func guidKey(_ guid: String, source: String) -> String {
        if guid.contains(":") || guid.count >= 24 { return guid }
        return "\(source)\u{1F}\(guid)"
    }
}
