import Foundation
import Model
import Testing

@Suite struct WhiteSpaceTrimmingTests {
    @Test("Every scalar is trimmed exactly when Foundation's whitespacesAndNewlines holds it")
    func sameScalarsAsFoundation() {
        let set = CharacterSet.whitespacesAndNewlines
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)a\(scalar)"
            let expected = set.contains(scalar) ? "a" : text
            if text.trimmingWhiteSpace != expected { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "scalars trimmed differently: \(disagreements.prefix(20).map { String($0, radix: 16) })")
    }

    @Test(
        "Text is trimmed as Foundation trims it",
        arguments: [
            "", " ", "\t\n\r\u{0B}\u{0C}", "a", " a ", "\u{A0}titre\u{2029}", "\u{3000}全角\u{3000}", "a b\tc",
            " \u{301}é ", "e\u{301} ", "\u{200B}zero width\u{200B}", "\u{FEFF}bom", "🇫🇷 ", "\n\nligne\n",
            "\u{85}next line\u{2028}", "\u{1680}ogham", "x\u{0}", "\u{0}",
        ])
    func sameTextAsFoundation(text: String) {
        #expect(text.trimmingWhiteSpace == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
