import Foundation
import FuzzSupport
import Parsing

/// Feeds arbitrary strings to `FeedDate.parse`. A date comes out in range or not at all; spaces around
/// the text and the case of its ASCII letters change nothing; the UTC timestamp a date prints as reads
/// back as the same instant; and a strict RFC 3339 timestamp gives the instant Foundation's Gregorian
/// calendar gives, or nothing when its fields name no day or time.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    let date = FeedDate.parse(text)
    Invariant.require(FeedDate.parse(text) == date, "two parses of \(text.debugDescription) differ")
    Invariant.require(FeedDate.parse(" \t" + text + "\n ") == date, "spaces around \(text.debugDescription) change its date")
    Invariant.require(FeedDate.parse(ASCIICase.upper(text)) == date, "\(text.debugDescription) in capitals gives another date")
    Invariant.require(FeedDate.parse(ASCIICase.lower(text)) == date, "\(text.debugDescription) in lowercase gives another date")
    if let date {
        Invariant.require(DocumentInvariants.saneDates.contains(date), "\(text.debugDescription) gives \(date.timeIntervalSince1970)")
        if let printed = UTCTimestamp.format(date) {
            let back = FeedDate.parse(printed)
            Invariant.require(
                // The timestamp keeps whole milliseconds, truncated.
                back.map { abs($0.timeIntervalSince(date)) < 0.002 } == true,
                "\(text.debugDescription) prints as \(printed), which reads back as \(String(describing: back))")
        }
    }
    if let strict = StrictTimestamp(text) {
        let expected = strict.instant
        Invariant.require(
            (date == nil) == (expected == nil) && (date.flatMap { d in expected.map { abs(d.timeIntervalSince($0)) < 0.001 } } ?? true),
            "\(text.debugDescription) gives \(String(describing: date)), Foundation \(String(describing: expected))")
    }
    return 0
}

/// ASCII-only case changes: the date words are ASCII, and a non-ASCII letter is no date word once changed.
enum ASCIICase {
    static func upper(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    static func lower(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
