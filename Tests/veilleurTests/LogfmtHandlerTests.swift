import Logging
import Testing
@testable import veilleur

@Suite struct LogfmtHandlerTests {
    @Test("a value holding a hostile character is quoted with the character escaped", arguments: HostileCharacters.all)
    func hostileValueIsQuotedAndEscaped(hostile: Unicode.Scalar) {
        let quoted = LogfmtHandler.quoted("titre\(hostile)suite")
        #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
        #expect(!HostileCharacters.occur(in: quoted), "\(quoted.unicodeScalars.map(\.value))")
    }

    @Test("a hostile character in the message or in metadata leaves one plain log line", arguments: HostileCharacters.all)
    func hostileEventStaysOnePlainLine(hostile: Unicode.Scalar) {
        let line = LogfmtHandler.line(
            timestamp: "2026-11-26T07:00:00Z", level: .warning, message: "fetch \(hostile) failed",
            metadata: ["error": "bad \(hostile) title", "source": "a\(hostile)"])
        #expect(!HostileCharacters.occur(in: line), "\(line.unicodeScalars.map(\.value))")
        #expect(line.hasPrefix("ts=2026-11-26T07:00:00Z level=warning msg=\"fetch "))
    }

    @Test("plain values stay bare and quotes and backslashes are escaped inside quotes")
    func quotingOfOrdinaryValues() {
        #expect(LogfmtHandler.quoted("plain") == "plain")
        #expect(LogfmtHandler.quoted("") == "\"\"")
        #expect(LogfmtHandler.quoted("a \"b\" c\\d") == #""a \"b\" c\\d""#)
        #expect(LogfmtHandler.quoted("é\u{9B}") == #""é\u009b""#)
    }
}
