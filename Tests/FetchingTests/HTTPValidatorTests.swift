import Testing
@testable import Fetching

@Suite struct HTTPValidatorTests {
    @Test("An entity tag is kept when it is a quoted, weak or plainly unquoted run of visible ASCII", arguments: [
        "\"v1\"",
        "W/\"v1\"",
        "\"\"",
        "W/\"\"",
        "\"5e8a1b2c-1a2b\"",
        "\"!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\"",
        "abc123",
        "W/abc123",
        "\"" + String(repeating: "f", count: HTTPValidator.maxEntityTagBytes - 2) + "\"",
    ])
    func validEntityTagIsKept(tag: String) {
        #expect(HTTPValidator.entityTag(tag) == tag)
    }

    @Test("An entity tag with a control character, a line break, a space, non-ASCII or bad quoting is dropped", arguments: [
        "",
        "\"a\rb\"",
        "\"a\nb\"",
        "\"a\r\nb\"",
        "\"a\u{0B}b\"",
        "\"a\u{0C}b\"",
        "\"a\u{00}b\"",
        "\"a\u{7F}b\"",
        "\"a\tb\"",
        "\"a\u{85}b\"",
        "\"a\u{2028}b\"",
        "\"a\u{2029}b\"",
        "\"é\"",
        "\"a b\"",
        "\"a\"b\"",
        "\"abc",
        "abc\"",
        "\"",
        "W/\"abc",
        "a\rb",
        "\"" + String(repeating: "f", count: HTTPValidator.maxEntityTagBytes - 1) + "\"",
    ])
    func invalidEntityTagIsDropped(tag: String) {
        #expect(HTTPValidator.entityTag(tag) == nil)
    }

    @Test("A Last-Modified of printable ASCII is kept", arguments: [
        "Tue, 03 Jun 2025 10:00:00 GMT",
        "Tuesday, 03-Jun-25 10:00:00 GMT",
        "Tue Jun  3 10:00:00 2025",
        String(repeating: "x", count: HTTPValidator.maxLastModifiedBytes),
    ])
    func printableLastModifiedIsKept(value: String) {
        #expect(HTTPValidator.lastModified(value) == value)
    }

    @Test("A Last-Modified with a control character, a line break, non-ASCII or too many bytes is dropped", arguments: [
        "",
        "Tue, 03 Jun 2025\r10:00:00 GMT",
        "Tue, 03 Jun 2025\n10:00:00 GMT",
        "Tue, 03 Jun 2025\u{0B}10:00:00 GMT",
        "Tue, 03 Jun 2025\u{0C}10:00:00 GMT",
        "Tue, 03 Jun 2025\u{00}10:00:00 GMT",
        "Tue, 03 Jun 2025\u{7F}10:00:00 GMT",
        "Tue, 03 Jun 2025\t10:00:00 GMT",
        "Tue, 03 Jun 2025\u{85}10:00:00 GMT",
        "Tue, 03 Jun 2025\u{2028}10:00:00 GMT",
        "ven., 07 févr. 2025 10:00:00 GMT",
        String(repeating: "x", count: HTTPValidator.maxLastModifiedBytes + 1),
    ])
    func invalidLastModifiedIsDropped(value: String) {
        #expect(HTTPValidator.lastModified(value) == nil)
    }
}
