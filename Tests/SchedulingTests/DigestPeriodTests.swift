import Foundation
import Model
import Testing

@Suite("Digest periods")
struct DigestPeriodTests {
    @Test("A period is a day that exists, written YYYY-MM-DD", arguments: [
        ("2026-11-26", true), ("2024-02-29", true), ("2000-02-29", true), ("9999-12-31", true),
        ("2026-02-29", false), ("1900-02-29", false), ("2026-11-31", false), ("2026-13-01", false), ("0000-01-01", false),
        ("2026-1-26", false), ("2026-11-26 ", false), ("2026/11/26", false), ("+026-11-26", false), ("２０２６-11-26", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((DigestPeriod(text) != nil) == valid)
        #expect(DigestPeriod(text).map(\.description) == (valid ? text : nil))
    }

    @Test("Periods compare as dates")
    func ordering() throws {
        let days = try ["2026-11-26", "9999-12-31", "2026-02-01", "2027-01-01", "2026-11-03"].map { try #require(DigestPeriod($0)) }
        #expect(days.sorted().map(\.description) == ["2026-02-01", "2026-11-03", "2026-11-26", "2027-01-01", "9999-12-31"])
    }

    @Test("The period of an instant is its local date in the time zone")
    func localDate() {
        // 2026-11-26 23:30 UTC is already 27 November in Paris.
        let lateUTC = Date(timeIntervalSince1970: 1_795_735_800)
        #expect(DigestPeriod(of: lateUTC, in: TimeZone(identifier: "Europe/Paris")!).description == "2026-11-27")
        #expect(DigestPeriod(of: lateUTC, in: TimeZone(identifier: "UTC")!).description == "2026-11-26")
    }
}
