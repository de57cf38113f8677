/// The punctuation the tokenizer gives a meaning to, recognised in every spelling feeds use for it, so
/// that the raw text can be scanned before folding (folding would lose the source positions).
enum Separators {
    /// ' and its typographic stand-ins: ’ ‘ ʼ ′ ‛ and the full-width '.
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x2019, 0x2018, 0x02BC, 0x2032, 0x201B, 0xFF07: true
        default: false
        }
    }

    /// - and the hyphens and dashes that stand for it between two words: ‐ ‑ ‒ – — ― − and small or
    /// full-width hyphen-minus.
    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: true
        default: false
        }
    }

    /// & and its small and full-width forms.
    static func isAmpersand(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x26 || scalar.value == 0xFE60 || scalar.value == 0xFF06
    }

    /// The spaces French typesetting puts between groups of digits ("1 000 000"): no-break, narrow
    /// no-break and thin spaces; an ordinary space never joins numbers, as it also separates them.
    static func isDigitGroupSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xA0 || scalar.value == 0x202F || scalar.value == 0x2009
    }

    /// Invisible code points (soft hyphen, zero-width joiners, word joiner, BOM) that folding removes:
    /// they neither end a word nor separate two.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Letters, digits and the combining marks that belong to the letter before them. Called on every
    /// scalar of every text: the ASCII test is inlined, Unicode properties are looked up out of line.
    @inline(__always)
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        return isWordBeyondASCII(scalar)
    }

    private static func isWordBeyondASCII(_ scalar: Unicode.Scalar) -> Bool {
        // ʼ is a modifier letter, but French typesetting uses it as an apostrophe.
        if isApostrophe(scalar) { return false }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    @inline(__always)
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x30 && scalar.value <= 0x39 }
        return isDigitBeyondASCII(scalar)
    }

    private static func isDigitBeyondASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType != nil
    }

    @inline(__always)
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        isWord(scalar) && !isDigit(scalar)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }
}
