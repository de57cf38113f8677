import TextNormalization
/// The stand-in stemmer until Snowball is wired in: it reduces regular French and English plurals to their
/// singular and leaves every other word as it is.
///
/// It works on folded tokens (lowercase, no accents) and is deliberately conservative: a word is changed
/// only when it ends like a plural and stays long enough to be unambiguous, so it joins "subventions" and
/// "subvention", "journaux" and "journal", "bureaux" and "bureau", "companies" and "company", and
/// leaves alone "process", "campus", "mais" and words of three letters or fewer. It does not conjugate or
/// derive: "exportations" and "export" stay apart.
enum PluralFolding {
    /// The singular of `token` when it reads as a regular plural, otherwise `token`.
    static func stem(_ token: String, language: Language) -> String {
        // Only a word that can end like a plural is looked at further.
        guard let last = token.utf8.last, last == UInt8(ascii: "s") || last == UInt8(ascii: "x") else { return token }
        // Acronyms joined by "&", numbers and mixed tokens have no plural to fold.
        let scalars = token.unicodeScalars
        guard scalars.count >= 4, scalars.allSatisfy(\.properties.isAlphabetic) else { return token }
        switch language {
        case .french: return french(token)
        case .english: return english(token)
        }
    }

    private static func french(_ word: String) -> String {
        if word.hasSuffix("eaux") { return String(word.dropLast()) }  // bureaux, réseaux
        if word.hasSuffix("aux"), word.count >= 6 { return String(word.dropLast(3)) + "al" }  // journaux, locaux
        if word.hasSuffix("eux") || word.hasSuffix("oux") { return String(word.dropLast()) }  // jeux, cheveux, bijoux
        return droppingS(word)
    }

    private static func english(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count >= 5 { return String(word.dropLast(3)) + "y" }  // companies
        for ending in ["sses", "xes", "zes", "ches", "shes"] where word.hasSuffix(ending) {
            return String(word.dropLast(2))  // businesses, taxes, churches
        }
        return droppingS(word)
    }

    /// A final "s", unless the word ends in "ss" or "us" (process, campus), or in "is" with four letters
    /// or fewer (mais, avis): those are rarely plurals.
    private static func droppingS(_ word: String) -> String {
        guard word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us") else { return word }
        if word.hasSuffix("is"), word.count <= 4 { return word }
        return String(word.dropLast())
    }
}
