import Foundation
import Testing
@testable import veilleur

@Suite struct JSONValueTests {
    @Test func stringsEscapeQuotesBackslashesControlsAndLineSeparators() {
        let rendered = JSONValue.string("a\"b\\c\nd\u{1}e\u{2028}f\u{2029}é").rendered
        #expect(rendered == #""a\"b\\c\nd\u0001e\u2028f\u2029é""#)
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
