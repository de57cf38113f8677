import Foundation
import Parsing
import Testing

@Suite struct FeedDateTests {
    /// 2003-06-03T09:39:21Z, the instant most rows below denote.
    static let reference: TimeInterval = 1_054_633_161

    static let table: [(text: String, epoch: TimeInterval)] = [
        ("Tue, 03 Jun 2003 09:39:21 GMT", reference),
        ("03 Jun 2003 09:39:21 GMT", reference),
        ("Tue, 3 Jun 2003 09:39:21 UT", reference),
        ("Tue, 03 Jun 03 09:39:21 GMT", reference),
        ("Tue, 03 Jun 2003 09:39 GMT", reference - 21),
        ("Tue, 03 Jun 2003 09:39:21 +0000", reference),
        ("Tue, 03 Jun 2003 11:39:21 +0200", reference),
        ("Tue, 03 Jun 2003 04:39:21 -0500", reference),
        ("Tue, 03 Jun 2003 04:39:21 EST", reference),
        ("Tue, 03 Jun 2003 05:39:21 EDT", reference),
        ("Tue, 03 Jun 2003 03:39:21 CST", reference),
        ("Tue, 03 Jun 2003 04:39:21 CDT", reference),
        ("Tue, 03 Jun 2003 02:39:21 MST", reference),
        ("Tue, 03 Jun 2003 03:39:21 MDT", reference),
        ("Tue, 03 Jun 2003 01:39:21 PST", reference),
        ("Tue, 03 Jun 2003 02:39:21 PDT", reference),
        ("Tue, 03 Jun 2003 09:39:21 Z", reference),
        ("Tue, 03 Jun 2003 08:39:21 A", reference),
        ("Tue, 03 Jun 2003 10:39:21 N", reference),
        ("Tue, 03 Jun 2003 01:39:21 -0800 (PST)", reference),
        ("Tuesday, 03-Jun-03 09:39:21 GMT", reference),
        ("Jun 3 2003 9:39:21 PM +1200", reference),
        ("2003-06-03T09:39:21Z", reference),
        ("2003-06-03T09:39:21.25Z", reference + 0.25),
        ("2003-06-03T11:39:21+02:00", reference),
        ("2003-06-03T05:09:21-04:30", reference),
        ("2003-06-03T11:39:21+0200", reference),
        ("2003-06-03 09:39:21", reference),
        ("2003-06-03T09:39Z", reference - 21),
        ("  2003-06-03T09:39:21Z \n", reference),
        ("2003-06-03", 1_054_598_400),
        ("1999-12-31T23:59:59Z", 946_684_799),
        ("2024-02-29T12:00:00Z", 1_709_208_000),
        ("5 mars 2026", 1_772_668_800),
        ("jeudi 5 mars 2026 à 10h30", 1_772_706_600),
    ]

    @Test(arguments: table)
    func dateStringsParseToTheExactInstant(text: String, epoch: TimeInterval) {
        #expect(FeedDate.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["", "not a date", "2003-13-03", "31 Feb 2003", "Tue, 03 Foo 2003 09:39:21 GMT", "12:00"])
    func textThatIsNotAValidDateGivesNil(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }
}
