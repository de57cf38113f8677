import Foundation
import Model
import Testing
@testable import veilleur

/// `parse --jsonl` writes its dates by hand: they must read exactly as Foundation's ISO 8601 format writes them.
@Suite struct ISOTimestampTests {
    static func written(_ date: Date) -> String {
        var out: [UInt8] = []
        ISOTimestamp.write(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("leap days, century years, the ends of the range and instants beyond it read as Foundation writes them")
    func edgesMatchFoundation() {
        let instants: [Double] = [
            0, 59, 86_399, 86_400, 951_782_400, 951_868_799, 951_868_800, 4_107_542_400, 4_107_628_800,
            1_764_000_000, 253_402_300_799, 253_402_300_800, -1, -86_401, -2_208_988_800, 1_764_000_000.5, -0.25,
        ]
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(Self.written(date) == date.formatted(.iso8601), "\(instant)")
        }
    }

    @Test("whole seconds drawn across 1970–9999 read as Foundation writes them")
    func drawnInstantsMatchFoundation() {
        var seed: UInt64 = 1
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let date = Date(timeIntervalSince1970: Double((seed >> 20) % 253_402_300_800))
            #expect(Self.written(date) == date.formatted(.iso8601))
        }
    }

    @Test("an item line is the JSON object of the contract, keys in order, absent values null")
    func itemLine() {
        let item = FeedItem(
            id: "a\"1", title: "Été", link: nil, published: Date(timeIntervalSince1970: 951_782_400), updated: nil,
            author: nil, summaryText: "s", contentText: nil, categories: ["x", "y\n"])
        #expect(ItemLine.render(item, feedTitle: nil) == #"{"feed_title":null,"title":"Été","link":null,"id":"a\"1","published":"2000-02-29T00:00:00Z","updated":null,"author":null,"summary_text":"s","content_text":null,"categories":["x","y\n"]}"#)
    }
}
