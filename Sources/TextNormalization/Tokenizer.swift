/// Splits text into folded word tokens, the unit feed items, profile terms, highlights and near-duplicate
/// fingerprints are all compared in.
///
/// Rules, applied to the raw text (so that each token keeps its place in it) and folded word by word
/// with ``TextFolding``:
/// - A token is a run of letters and digits (with their combining marks); anything else separates tokens.
///   A token is never split inside a word, so a term "IA" never finds "Italia".
/// - French elisions are dropped, with ' or any typographic apostrophe: "l'industrie", "d’Azur", "qu'il",
///   "jusqu'au" give "industrie", "azur", "il", "au". The elided prefixes are l, d, qu, j, n, s, c, m, t,
///   jusqu, lorsqu, puisqu, quoiqu; any other apostrophe separates ("aujourd'hui" gives "aujourd", "hui"),
///   except an English possessive "'s", which is dropped ("Europe's" gives "europe").
/// - Numbers stay whole: a "." or "," between two digits joins them ("3,5", "1.000.000", "v2.0"), and so
///   does a no-break, narrow no-break or thin space before a group of three digits ("1 000 000" gives
///   "1000000").
/// - Acronyms stay whole: single letters joined by dots become one token ("C.N.R.S." gives "cnrs"); "&"
///   between letter groups of at most three letters joins them ("R&D" gives "r&d", "AT&T" gives "at&t"),
///   and so does a spaced "&" between groups of at most two letters ("R & D" gives "r&d", but "Eau & Mer"
///   stays "eau", "mer").
/// - Hyphens and dashes separate: "e-commerce" and "e–commerce" give "e", "commerce" at adjacent
///   positions, flagged ``Token/Flags/hyphenatedToNext`` and ``Token/Flags/hyphenatedToPrevious``.
///   ``MatchKeys`` makes every spelling of a compound ("ecommerce", "e commerce") meet.
public enum Tokenizer {
    /// The tokens of `text`, in order, positions counted from zero.
    public static func tokens(_ text: String) -> [Token] {
        var scanner = WordScanner(text)
        let words = scanner.run()
        var assembler = TokenAssembler(words: words, source: text)
        return assembler.run()
    }

    static let elisions: Set<String> = [
        "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
    ]
    /// The UTF-8 length of the longest elided prefix: a longer word is none, without hashing it.
    static let longestElision = elisions.map(\.utf8.count).max() ?? 0
}
