import Testing
@testable import veilleur

@Suite struct TerminalTextTests {
    @Test("every hostile character is replaced by a visible escape", arguments: HostileCharacters.all)
    func hostileCharacterIsEscaped(hostile: Unicode.Scalar) {
        let escaped = TerminalText.escaped("avant\(hostile)après")
        #expect(!HostileCharacters.occur(in: escaped), "\(escaped.unicodeScalars.map(\.value))")
        #expect(escaped.hasPrefix("avant\\") && escaped.hasSuffix("après"))
    }

    @Test("escapes read as \\n, \\r, \\t or \\u with four hex digits")
    func escapeForms() {
        #expect(TerminalText.escaped("a\nb\rc\td") == #"a\nb\rc\td"#)
        #expect(TerminalText.escaped("\u{1B}[31m\u{9B}31m") == #"\u001b[31m\u009b31m"#)
        #expect(TerminalText.escaped("\u{202E}txt.exe\u{2069}\u{2028}") == #"\u202etxt.exe\u2069\u2028"#)
    }

    @Test("text without hostile characters is left as it is, accents, scripts and emoji included")
    func ordinaryTextIsUnchanged() {
        let text = "Électrolyseurs à Besançon — 日本 — مرحبا — 🚀 \\u0041"
        #expect(TerminalText.escaped(text) == text)
    }
}
