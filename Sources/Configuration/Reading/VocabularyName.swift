/// Checks a vocabulary name: it comes from a file name and is written after `$` in term lists, so it is
/// kept to characters that need no quoting.
enum VocabularyName {
    /// Why `name` cannot name a vocabulary, or nil when it can.
    static func problem(with name: String) -> String? {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
        }
        guard allowed, !name.isEmpty, name.utf8.count <= Limits.maximumProfileIDBytes else {
            return "a vocabulary is named after its file, with letters, digits, '-' and '_' only "
                + "(at most \(Limits.maximumProfileIDBytes)); rename the file"
        }
        return nil
    }
}
