import Foundation
import Testing
@testable import veilleur

@Suite struct JSONValueTests {
    @Test func stringsEscapeQuotesBackslashesControlsAndLineSeparators() {
        let rendered = JSONValue.string("a\"b\\c\nd\u{1}e\u{2028}f\u{2029}é").rendered
        #expect(rendered == #""a\"b\\c\nd\u0001e\u2028f\u2029é""#)
    }

    @Test("the characters beside the escaped ones, led by the same bytes (0xC2, 0xE2), are written as they are")
    func neighboursOfEscapedCharactersStayRaw() {
        let text = "~\u{7F}\u{9F}\u{A0}é\u{2027}\u{2028}\u{202A}\u{202F}\u{2065}\u{2066}\u{2069}\u{206A}€😀\u{FFFD}"
        let expected = #""~\u007f\u009f"# + "\u{A0}é\u{2027}" + #"\u2028\u202a"# + "\u{202F}\u{2065}" + #"\u2066\u2069"#
            + "\u{206A}€😀\u{FFFD}\""
        #expect(JSONValue.string(text).rendered == expected)
    }

    @Test func objectsKeepTheirKeyOrderAndNumbersDropNeedlessFractions() {
        let value = JSONValue.object([("z", .number(3)), ("a", .number(2.5)), ("m", .null), ("l", .array([.string("x")]))])
        #expect(value.rendered == #"{"z":3,"a":2.5,"m":null,"l":["x"]}"#)
    }
}

@Suite struct JSONValueHostileTests {
    @Test("a hostile character is written as a \\u escape and the JSON reads back to the same text", arguments: HostileCharacters.all)
    func hostileCharacterIsEscaped(hostile: Unicode.Scalar) throws {
        let text = "titre\(hostile)suite"
        let rendered = JSONValue.array([.string(text)]).rendered
        #expect(!HostileCharacters.occur(in: rendered), "\(rendered.unicodeScalars.map(\.value))")
        let decoded = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String]
        #expect(decoded == [text])
    }
}
