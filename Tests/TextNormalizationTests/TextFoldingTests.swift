import Testing
import TextNormalization

@Suite("TextFolding")
struct TextFoldingTests {
    @Test("Case and accents fold to the same form")
    func caseAndAccents() {
        #expect(TextFolding.fold("Pôle") == "pole")
        #expect(TextFolding.fold("pole") == "pole")
        #expect(TextFolding.fold("PÔLE") == "pole")
        #expect(TextFolding.fold("Réalité Augmentée") == "realite augmentee")
    }

    @Test("Ligatures œ, æ and ß become two letters")
    func ligatures() {
        #expect(TextFolding.fold("Œuvre") == "oeuvre")
        #expect(TextFolding.fold("cœur") == "coeur")
        #expect(TextFolding.fold("Ænéide") == "aeneide")
        #expect(TextFolding.fold("Straße") == "strasse")
    }

    @Test("Typographic apostrophes become ASCII apostrophes")
    func apostrophes() {
        #expect(TextFolding.fold("l’État") == "l'etat")
        #expect(TextFolding.fold("l‘eau") == "l'eau")
        #expect(TextFolding.fold("lʼîle") == "l'ile")
        #expect(TextFolding.fold("d′azur") == "d'azur")
    }

    @Test("All dash variants become a hyphen-minus")
    func dashes() {
        for dash in ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}"] {
            #expect(TextFolding.fold("a\(dash)b") == "a-b")
        }
    }

    @Test("Compatibility forms are composed: ligature fi and full-width letters")
    func compatibility() {
        #expect(TextFolding.fold("ﬁlière") == "filiere")
        #expect(TextFolding.fold("ＰＭＥ") == "pme")
    }

    @Test("Soft hyphens inside a word disappear")
    func softHyphen() {
        #expect(TextFolding.fold("gouver\u{00AD}nance") == "gouvernance")
    }

    @Test("Empty and plain ASCII text pass through")
    func plain() {
        #expect(TextFolding.fold("") == "")
        #expect(TextFolding.fold("hello world 42") == "hello world 42")
    }

    @Test("Case folding keeps the accents and still expands ligatures", arguments: [
        ("Réalité Augmentée", "réalité augmentée"), ("PÔLE", "pôle"), ("Œuvre", "oeuvre"), ("STRAẞE", "strasse"),
        ("l’État", "l'état"), ("ﬁlière", "filière"), ("gouver\u{00AD}nance", "gouvernance"), ("plain", "plain"),
    ])
    func caseFold(_ text: String, _ expected: String) {
        #expect(TextFolding.caseFold(text) == expected)
    }

    @Test("Folding a case-folded text gives what folding the original gives", arguments: [
        "Réalité Augmentée", "Œuvre", "ＰＭＥ", "l’État", "re\u{301}el", "Αθήνα", "HYDROGÈNE", "",
        // Found by the `text` fuzzer: the iota subscript, alone and in U+037A, was stripped by fold but case-folded to ι.
        "\u{345}", "ͺ", "ᾳ", "\u{FFFD}\u{1A}\u{FFFD}\u{1E}ͺ\u{FFFD}\n\u{04}\0",
    ])
    func foldAfterCaseFold(_ text: String) {
        #expect(TextFolding.fold(TextFolding.caseFold(text)) == TextFolding.fold(text))
    }

    @Test("Folding a case-folded scalar gives what folding the scalar gives, alone and after a letter, for every scalar of the planes that have letters")
    func foldAfterCaseFoldOfEveryScalar() {
        var broken: [UInt32] = []
        // Planes 2 and above hold ideographs, private use and tags, which fold to themselves or vanish alike.
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "a\(scalar)"] where TextFolding.fold(TextFolding.caseFold(text)) != TextFolding.fold(text) {
                broken.append(value)
            }
        }
        #expect(broken.isEmpty, "\(broken.prefix(40).map { String($0, radix: 16) })")
    }
}

