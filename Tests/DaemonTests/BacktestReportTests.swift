import Daemon
import Foundation
import Testing

/// The comparison at the heart of a backtest, on hand-made items: ranks, and what counts as added,
/// removed and re-ranked.
@Suite struct BacktestReportTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000)

    static func item(_ id: Int64, then: Double?, now: Double?) -> BacktestItem {
        BacktestItem(id: id, source: "s", title: "item \(id)", link: nil, firstSeenAt: day, scoreThen: then, scoreNow: now)
    }

    @Test("ranks follow the score, highest first, ties by row id, separately then and now")
    func ranksByScoreThenRowID() {
        let report = BacktestReport(since: Self.day, replayed: 4, items: [
            Self.item(4, then: 5, now: 1), Self.item(2, then: 5, now: 9), Self.item(3, then: 8, now: 1), Self.item(1, then: nil, now: 1),
        ])
        let all = report.added + report.removed + report.reranked
        let ranks = Dictionary(uniqueKeysWithValues: all.map { ($0.id, ($0.rankThen, $0.rankNow)) })
        #expect(ranks[3]! == (1, 3))
        #expect(ranks[2]! == (2, 1))
        #expect(ranks[4]! == (3, 4))
        #expect(ranks[1]! == (nil, 2))
    }

    @Test("an item whose score is unchanged is not re-ranked, though items rising around it move its rank")
    func rankMovesAloneAreNotReranking() {
        let report = BacktestReport(since: Self.day, replayed: 3, items: [
            Self.item(1, then: 6, now: 6), Self.item(2, then: 3, now: 9), Self.item(3, then: nil, now: 12),
        ])
        #expect(report.reranked.map(\.id) == [2])
        #expect(report.unchanged == 1)
        #expect(report.added.map(\.id) == [3])
        #expect(report.alertedThen == 2 && report.alertedNow == 3)
    }

    @Test("scores are compared at the three decimals veilleur shows", arguments: [
        (3.0, 3.0004, false), (3.0, 3.0006, true), (2.5, 2.4, true),
    ])
    func scoresComparedAsShown(then: Double, now: Double, reranked: Bool) {
        let report = BacktestReport(since: Self.day, replayed: 1, items: [Self.item(1, then: then, now: now)])
        #expect(report.reranked.count == (reranked ? 1 : 0))
        #expect(report.unchanged == (reranked ? 0 : 1))
    }

    @Test("lists are ordered as a reader meets them: added and re-ranked by rank now, removed by rank then")
    func listOrders() {
        let report = BacktestReport(since: Self.day, replayed: 6, items: [
            Self.item(1, then: nil, now: 2), Self.item(2, then: nil, now: 7),
            Self.item(3, then: 1, now: nil), Self.item(4, then: 9, now: nil),
            Self.item(5, then: 1, now: 3), Self.item(6, then: 2, now: 8),
        ])
        #expect(report.added.map(\.id) == [2, 1])
        #expect(report.removed.map(\.id) == [4, 3])
        #expect(report.reranked.map(\.id) == [6, 5])
    }

    @Test("items alerted neither then nor now are ignored")
    func neitherSideIsIgnored() {
        let report = BacktestReport(since: Self.day, replayed: 2, items: [Self.item(1, then: nil, now: nil), Self.item(2, then: 4, now: 4)])
        #expect(report.alertedThen == 1 && report.alertedNow == 1 && report.unchanged == 1)
        #expect(report.added.isEmpty && report.removed.isEmpty && report.reranked.isEmpty)
    }
}
