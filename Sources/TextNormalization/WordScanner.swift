/// A run of word characters of the raw text, before elisions, possessives and spaced ampersands are
/// resolved by ``TokenAssembler``.
struct Word {
    /// What separates a word from the next one, as far as the tokenizer cares.
    enum Gap: Equatable {
        case apostrophe
        case dash
        /// "&" with whitespace on at least one side.
        case spacedAmpersand
        case other
    }

    var caseFolded: String
    var text: String
    /// Scalar offsets in the source, end excluded.
    var start: Int
    var end: Int
    var letters: Int
    var digits: Int
    var uppercase: Int
    var lowercase: Int
    var hasAmpersand: Bool
    var gapAfter: Gap = .other

    var isLettersOnly: Bool { digits == 0 && !hasAmpersand && letters > 0 }
}

/// Scans the raw scalars once and cuts them into ``Word``s, keeping inside a word the dots and commas of
/// numbers, the dots of acronyms, "&" between short letter groups and the spaces between digit groups.
struct WordScanner {
    let scalars: [Unicode.Scalar]
    private var words: [Word] = []
    /// The word being read: its start, the scalars to fold and counts for the flags.
    private var start: Int?
    private var content = String.UnicodeScalarView()
    private var letters = 0, digits = 0, uppercase = 0, lowercase = 0
    private var hasAmpersand = false
    /// Digits since the word's start or its last joined space, and whether a "." or "," joined digits.
    private var groupDigits = 0
    private var hasDecimalMark = false
    /// True while the word was built from dot-separated single letters.
    private var inDottedAcronym = false
    /// Where the gap after the last finished word starts.
    private var gapStart = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    mutating func run() -> [Word] {
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if Separators.isWord(scalar) {
                append(scalar, at: index)
                index += 1
                continue
            }
            if start != nil {
                if Separators.isIgnorable(scalar) {
                    content.append(scalar)
                    index += 1
                    continue
                }
                if takesJoiner(at: index) {
                    index += 1
                    continue
                }
                finish(at: index)
            }
            index += 1
        }
        if start != nil { finish(at: count) }
        return words
    }

    private mutating func append(_ scalar: Unicode.Scalar, at index: Int) {
        if start == nil {
            classifyGap(before: index)
            start = index
        }
        content.append(scalar)
        if Separators.isDigit(scalar) {
            digits += 1
            groupDigits += 1
            return
        }
        groupDigits = 0
        // Unicode properties are slow to look up and most letters are ASCII.
        if scalar.value < 0x80 {
            letters += 1
            if scalar.value <= 0x5A { uppercase += 1 } else { lowercase += 1 }
            return
        }
        let properties = scalar.properties
        guard properties.generalCategory != .nonspacingMark else { return }
        letters += 1
        if properties.isUppercase { uppercase += 1 } else if properties.isLowercase { lowercase += 1 }
    }

    /// Whether the punctuation or space at `index` belongs to the current word (and is then added to it
    /// when folding must see it) rather than ending it.
    private mutating func takesJoiner(at index: Int) -> Bool {
        let scalar = scalars[index]
        if Separators.isDigitGroupSpace(scalar) {
            guard joinsDigitGroup(at: index) else { return false }
            groupDigits = 0
            return true
        }
        guard index + 1 < scalars.count, Separators.isWord(scalars[index + 1]) else { return false }
        switch scalar {
        case ".", ",":
            if let last = content.last, Separators.isDigit(last), Separators.isDigit(scalars[index + 1]) {
                content.append(scalar)
                groupDigits = 0
                hasDecimalMark = true
                return true
            }
            if scalar == ".", continuesDottedAcronym(at: index) {
                inDottedAcronym = true
                return true
            }
            return false
        default:
            guard Separators.isAmpersand(scalar), joinsAmpersand(at: index) else { return false }
            content.append("&")
            hasAmpersand = true
            return true
        }
    }

    /// A dot continues an acronym when the word so far is one letter (or already an acronym) and the
    /// dot is followed by exactly one letter: "c.n.r.s" but not "m.dupont" or "site.fr".
    private func continuesDottedAcronym(at index: Int) -> Bool {
        guard inDottedAcronym || (letters == 1 && digits == 0 && content.count == 1) else { return false }
        guard Separators.isLetter(scalars[index + 1]) else { return false }
        let after = index + 2
        return after >= scalars.count || !Separators.isWord(scalars[after])
    }

    /// "&" joins letter groups of at most three letters on both sides: "r&d", "at&t", "m&a".
    private func joinsAmpersand(at index: Int) -> Bool {
        guard letters <= 3, digits == 0, !hasAmpersand else { return false }
        var end = index + 1
        while end < scalars.count, Separators.isWord(scalars[end]) {
            guard Separators.isLetter(scalars[end]) else { return false }
            end += 1
        }
        return end - (index + 1) <= 3
    }

    /// A no-break space joins a whole number whose last group has one to three digits to a following group
    /// of exactly three digits: "1 000 000", but not "2024 000", "1 0000" or "3,5 000".
    private func joinsDigitGroup(at index: Int) -> Bool {
        guard letters == 0, !hasAmpersand, !hasDecimalMark, (1...3).contains(groupDigits) else { return false }
        guard index + 3 < scalars.count else { return false }
        for offset in 1...3 where !Separators.isDigit(scalars[index + offset]) { return false }
        let after = index + 4
        return after >= scalars.count || !Separators.isWord(scalars[after])
    }

    private mutating func finish(at end: Int) {
        guard let wordStart = start else { return }
        let caseFolded = TextFolding.caseFold(String(content))
        let text = TextFolding.fold(caseFolded)
        if !text.isEmpty {
            words.append(Word(
                caseFolded: caseFolded, text: text, start: wordStart, end: end, letters: letters, digits: digits,
                uppercase: uppercase, lowercase: lowercase, hasAmpersand: hasAmpersand
            ))
            gapStart = end
        }
        start = nil
        content = String.UnicodeScalarView()
        letters = 0
        digits = 0
        uppercase = 0
        lowercase = 0
        hasAmpersand = false
        groupDigits = 0
        hasDecimalMark = false
        inDottedAcronym = false
    }

    /// Records on the previous word what separates it from the word starting at `index`.
    private mutating func classifyGap(before index: Int) {
        guard !words.isEmpty else { return }
        var apostrophes = 0, dashes = 0, ampersands = 0, spaces = 0, others = 0
        for scalar in scalars[gapStart..<index] where !Separators.isIgnorable(scalar) {
            if Separators.isApostrophe(scalar) {
                apostrophes += 1
            } else if Separators.isDash(scalar) {
                dashes += 1
            } else if Separators.isAmpersand(scalar) {
                ampersands += 1
            } else if Separators.isWhitespace(scalar) {
                spaces += 1
            } else {
                others += 1
            }
        }
        let gap: Word.Gap
        switch (apostrophes, dashes, ampersands, spaces, others) {
        case (1, 0, 0, 0, 0): gap = .apostrophe
        case (0, 1, 0, 0, 0): gap = .dash
        case (0, 0, 1, 1..., 0): gap = .spacedAmpersand
        default: gap = .other
        }
        words[words.count - 1].gapAfter = gap
    }
}
