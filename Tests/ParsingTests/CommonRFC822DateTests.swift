@testable import Parsing
import Testing

/// The byte-level reading of `Wed, 25 Nov 2026 09:30:00 +0100` must give what the general parser gives,
/// and leave every string it does not fully understand to it.
@Suite struct CommonRFC822DateTests {
    @Test("the common RFC 822 shapes are read, to the fields the general parser reads", arguments: [
        "Wed, 25 Nov 2026 09:30:00 +0100", "Wed, 25 Nov 2026 09:30:00 GMT", "sun, 01 JAN 2023 00:00:00 -0930",
        "Thu, 31 Dec 1998 23:59:59 +1400", "Mon, 31 Jun 2026 10:00:00 +0000", "Tue, 00 Feb 2026 10:00:00 gmt",
    ])
    func commonShapes(text: String) throws {
        let fast = try #require(fields(text))
        let general = try #require(LooseDateParser.parse(ArraySlice(text.utf8)))
        #expect(fast.date == general.date)
        #expect([fast.year, fast.month, fast.day, fast.hour, fast.minute, fast.second, fast.offset]
            == [general.year, general.month, general.day, general.hour, general.minute, general.second, general.offset])
    }

    @Test("near misses are left to the general parser", arguments: [
        "Wed, 5 Nov 2026 09:30:00 +0100", "Wed, 25 Nov 2026 09:30 +0100", "Wed 25 Nov 2026 09:30:00 +0100x",
        "Wed, 25 Nov 2026 09:30:00 +1500", "Wed, 25 Nov 2026 09:30:00 +0160", "Wed, 25 Nov 2026 09:30:00 EST",
        "Mer, 25 Nov 2026 09:30:00 +0100", "Wed, 25 Noé 2026 09:30:00 +010", "Wed, 25 N0v 2026 09:30:00 +0100",
        " Wed, 25 Nov 2026 09:30:00 GMT", "Wed, 25 Nov 2026 09:30:00 +01:0",
    ])
    func nearMissesFallThrough(text: String) {
        #expect(fields(text) == nil)
    }

    @Test("on random strings of the shape, whatever is read is what the general parser reads")
    func randomStringsAgreeWithTheGeneralParser() {
        let names = ["Mon", "tue", "WED", "Xyz", "Jan", "feb", "Sep", "Déc", "Nov", "May", "Sun", "GMT", "utc", "a1c"]
        let pieces = ["0", "1", "2", "3", "5", "9"]
        var seed: UInt64 = 42
        func draw(_ choices: [String]) -> String {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return choices[Int(seed >> 33) % choices.count]
        }
        var read = 0
        for _ in 0..<5_000 {
            let digits = { (count: Int) in (0..<count).map { _ in draw(pieces) }.joined() }
            let zone = draw(["+", "-", ""]) == "" ? draw(names) : draw(["+", "-"]) + digits(4)
            let text = "\(draw(names)), \(digits(2)) \(draw(names)) \(digits(4)) \(digits(2)):\(digits(2)):\(digits(2)) \(zone)"
            guard let fast = fields(text) else { continue }
            read += 1
            #expect(fast.date == LooseDateParser.parse(ArraySlice(text.utf8))?.date, "\(text)")
        }
        #expect(read > 100)
    }

    private func fields(_ text: String) -> DateFields? {
        var text = text
        return text.withUTF8(CommonRFC822Date.fields)
    }
}
