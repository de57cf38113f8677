/// Checks a profile id: it comes from a file name and names the digest files in turn.
enum ProfileID {
    /// Why `id` cannot be a profile id, or nil when it can.
    static func problem(with id: String) -> String? {
        if let control = id.unicodeScalars.first(where: \.isControl) {
            return "the file name holds the control character \(control.codePoint); rename the file (its name is the profile id)"
        }
        // A slash cannot be in a file name; a backslash would be read as one in links to the digests.
        if id.contains("\\") {
            return "the file name holds a path separator '\\'; rename the file (its name is the profile id)"
        }
        let bytes = id.utf8.count
        if bytes > Limits.maximumProfileIDBytes {
            return "the profile id (the file name without extension) is \(bytes) bytes long; digest files are named "
                + "after it, so it may have at most \(Limits.maximumProfileIDBytes); rename the file"
        }
        return nil
    }
}
