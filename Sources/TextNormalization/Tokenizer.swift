/// Splits text into folded word tokens, the unit both feed items and profile terms are compared in.
///
/// Rules, applied to the text after ``TextFolding/fold(_:)``:
/// - A token is a run of letters and digits; anything else separates tokens.
/// - French elisions are dropped: "l'industrie", "d’Azur", "qu'il", "jusqu'au" give "industrie", "azur",
///   "il", "au". The elided prefixes are l, d, qu, j, n, s, c, m, t, jusqu, lorsqu, puisqu, quoiqu;
///   any other apostrophe separates ("aujourd'hui" gives "aujourd", "hui").
/// - Numbers stay whole: a "." or "," between two digits joins them ("3,5", "1.000.000", "v2.0").
/// - Acronyms stay whole: single letters joined by dots become one token ("C.N.R.S." gives "cnrs"), and
///   "&" between short letter groups joins them ("R&D" gives "r&d", "AT&T" gives "at&t").
/// - Hyphens separate: "e-commerce" gives "e", "commerce" at adjacent positions. A profile term written
///   "e-commerce" is tokenised the same way and matched as a sequence of adjacent tokens, so it finds
///   "e-commerce", "e commerce" and "E-Commerce" alike; a term "commerce" also finds the compound.
public enum Tokenizer {
    /// The tokens of `text`, in order, positions counted from zero.
    public static func tokens(_ text: String) -> [Token] {
        let scalars = Array(TextFolding.fold(text).unicodeScalars)
        var scanner = Scanner(scalars: scalars)
        return scanner.run()
    }

    static let elisions: Set<String> = [
        "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
    ]

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType != nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        isWord(scalar) && !isDigit(scalar)
    }

    /// One pass over the folded scalars; `current` is the token being built.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var currentCount = 0
        /// True while `current` was built from dot-separated single letters.
        var inDottedAcronym = false

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func run() -> [Token] {
            var index = 0
            let count = scalars.count
            while index < count {
                let scalar = scalars[index]
                if Tokenizer.isWord(scalar) {
                    current.append(scalar)
                    currentCount += 1
                    index += 1
                    continue
                }
                if currentCount > 0, index + 1 < count, Tokenizer.isWord(scalars[index + 1]) {
                    switch scalar {
                    case "'":
                        if Tokenizer.elisions.contains(String(current)) {
                            discardCurrent()
                            index += 1
                            continue
                        }
                    case ".", ",":
                        if let last = current.last, Tokenizer.isDigit(last), Tokenizer.isDigit(scalars[index + 1]) {
                            current.append(scalar)
                            currentCount += 1
                            index += 1
                            continue
                        }
                        if scalar == ".", continuesDottedAcronym(at: index) {
                            inDottedAcronym = true
                            index += 1
                            continue
                        }
                    case "&":
                        if joinsAmpersand(at: index) {
                            current.append(scalar)
                            currentCount += 1
                            index += 1
                            continue
                        }
                    default:
                        break
                    }
                }
                flush()
                index += 1
            }
            flush()
            return tokens
        }

        /// A dot continues an acronym when the token so far is one letter (or already an acronym) and
        /// the dot is followed by exactly one letter: "c.n.r.s" but not "m.dupont" or "site.fr".
        private func continuesDottedAcronym(at index: Int) -> Bool {
            guard inDottedAcronym || (currentCount == 1 && current.allSatisfy(Tokenizer.isLetter)) else { return false }
            guard Tokenizer.isLetter(scalars[index + 1]) else { return false }
            let after = index + 2
            return after >= scalars.count || !Tokenizer.isWord(scalars[after])
        }

        /// "&" joins letter groups of at most three letters on both sides: "r&d", "at&t", "m&a".
        private func joinsAmpersand(at index: Int) -> Bool {
            guard currentCount <= 3, current.allSatisfy(Tokenizer.isLetter) else { return false }
            var end = index + 1
            while end < scalars.count, Tokenizer.isWord(scalars[end]) {
                guard Tokenizer.isLetter(scalars[end]) else { return false }
                end += 1
            }
            return end - (index + 1) <= 3
        }

        private mutating func discardCurrent() {
            current = String.UnicodeScalarView()
            currentCount = 0
            inDottedAcronym = false
        }

        private mutating func flush() {
            guard currentCount > 0 else { return }
            tokens.append(Token(text: String(current), position: tokens.count))
            discardCurrent()
        }
    }
}
