import Foundation
import Model
import Storage
import Testing

/// A fetch's schedule can depend on how many of its items were new: the store asks for it inside the
/// fetch's transaction and keeps it with the source.
@Suite struct ScheduleRecordTests {
    @Test("the schedule is decided from what the fetch stored and replaces the fetch's due time", arguments: StoreBackend.allCases)
    func scheduleFollowsTheNewItems(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            var told: RecordSummary?
            let due = t0.addingTimeInterval(900)
            _ = try await store.record(fetch("a", [entry(guid: "g1", link: "https://a.example/1"), entry(guid: "g2", link: "https://a.example/2")])) {
                told = $0
                return SourceSchedule(interval: 900, itemsPerDay: 12.5, nextDueAt: due)
            }
            #expect(told?.newItems == 2)
            let state = try await #require(try store.sourceStates().first)
            #expect(state.interval == 900 && state.itemsPerDay == 12.5 && state.nextDueAt == due)

            let reopenedStore = try await database.open()
            let reopened = try await #require(try reopenedStore.sourceStates().first)
            #expect(reopened.interval == 900 && reopened.itemsPerDay == 12.5, "the pace survives a restart")
        }
    }

    @Test("without a schedule the pace stays as it was, unknown before any", arguments: StoreBackend.allCases)
    func noScheduleKeepsThePace(backend: StoreBackend) async throws {
        try await withFreshDatabase(backend) { database in
            let store = try await database.open()
            try await store.syncSources([source("a")], now: t0)
            _ = try await store.record(fetch("a", []))
            let state = try await #require(try store.sourceStates().first)
            #expect(state.interval == nil && state.itemsPerDay == nil)
        }
    }
}
