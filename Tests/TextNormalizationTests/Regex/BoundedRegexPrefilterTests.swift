import SeededRandom
import Testing
import TextNormalization

@Suite("Bounded regex prefilter")
struct BoundedRegexPrefilterTests {
    @Test("A text without the literal every match holds is not searched; one with it is")
    func requiredLiteral() throws {
        let regex = try BoundedRegex(#"\bzfe(-m)?\b"#)
        #expect(!regex.mayMatch(folded: "la zone a faibles emissions"))
        #expect(regex.mayMatch(folded: "la zfe-m de lyon"))
        #expect(regex.matches(BoundedRegex.input("La ZFE-m de Lyon")))
        let alternatives = try BoundedRegex("(bus|tram)way")
        #expect(!alternatives.mayMatch(folded: "un bus"))
        #expect(alternatives.mayMatch(folded: "le tramway"))
        let optional = try BoundedRegex("(ab)?c")
        #expect(optional.mayMatch(folded: "c"))
    }

    @Test("Whenever a pattern matches a text, the prefilter lets the text through")
    func neverHidesAMatch() throws {
        let patterns = [#"\bzfe(-m)?\b"#, "a(bc)+d", "x[0-9]{2}y", "(ab|cd)e", "^abc", "ab$", "a.c", "(ab)*c", #"\bé\w+"#, "ab?c"]
        var generator = SplitMix(seed: 9)
        let alphabet = Array("abcdexyzfmé0-1 ".unicodeScalars)
        for pattern in patterns {
            let regex = try BoundedRegex(pattern)
            for _ in 0..<400 {
                var text = String.UnicodeScalarView()
                for _ in 0..<Int(generator.next() % 10) { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
                let folded = TextFolding.fold(String(text))
                if regex.matches(BoundedRegex.input(folded: folded)) {
                    #expect(regex.mayMatch(folded: folded), "\(pattern) on \(folded)")
                }
            }
        }
    }
}
