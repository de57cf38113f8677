import Model

/// Counts the places where every member of a proximity group is found within its window.
///
/// A place is one occurrence of each member, in one field (and one category or tag), not overlapping,
/// with at most `within` words between them besides their own; with `ordered`, in the members' order.
/// Places are counted left to right without sharing an occurrence, so "a b a b" holds two places of
/// `a NEAR/0 b`.
enum ProximitySearch {
    /// The places per field; `members[i]` holds every occurrence of member `i` in the item.
    static func counts(members: [[Occurrence]], within: Int, ordered: Bool) -> FieldCounts {
        var counts = FieldCounts()
        for place in places(members: members, within: within, ordered: ordered) { counts[place[0].field] += 1 }
        return counts
    }

    /// Every place, as the occurrence of each member it is made of.
    static func places(members: [[Occurrence]], within: Int, ordered: Bool) -> [[Occurrence]] {
        guard members.count >= 2, members.allSatisfy({ !$0.isEmpty }) else { return [] }
        var segments: [SegmentKey: [[Occurrence]]] = [:]
        for (index, occurrences) in members.enumerated() {
            for occurrence in occurrences {
                let key = SegmentKey(field: occurrence.field, segment: occurrence.segment)
                segments[key, default: Array(repeating: [], count: members.count)][index].append(occurrence)
            }
        }
        var places: [[Occurrence]] = []
        for (_, byMember) in segments where byMember.allSatisfy({ !$0.isEmpty }) {
            let sorted = byMember.map { $0.sorted { ($0.start, $0.end) < ($1.start, $1.end) } }
            places += ordered ? orderedPlaces(sorted, within: within) : anyOrderPlaces(sorted, within: within)
        }
        return places
    }

    private struct SegmentKey: Hashable {
        var field: ItemField
        var segment: Int
    }

    /// Whether the chosen occurrences fit the window: no overlap, and at most `within` other words.
    private static func fits(_ chosen: [Occurrence], within: Int) -> Bool {
        let ordered = chosen.sorted { $0.start < $1.start }
        guard let first = ordered.first, let last = ordered.last else { return false }
        for (left, right) in zip(ordered, ordered.dropFirst()) where right.start < left.end { return false }
        let span = last.end - first.start
        return span - ordered.reduce(0) { $0 + $1.length } <= within
    }

    /// Sweeps occurrences by position, keeping each member's latest: a window ending at an occurrence is
    /// tightest with the latest occurrence of every other member.
    private static func anyOrderPlaces(_ members: [[Occurrence]], within: Int) -> [[Occurrence]] {
        let events = members.enumerated()
            .flatMap { index, occurrences in occurrences.map { (member: index, occurrence: $0) } }
            .sorted { ($0.occurrence.start, $0.occurrence.end, $0.member) < ($1.occurrence.start, $1.occurrence.end, $1.member) }
        var latest: [Occurrence?] = Array(repeating: nil, count: members.count)
        var places: [[Occurrence]] = []
        for event in events {
            latest[event.member] = event.occurrence
            let chosen = latest.compactMap { $0 }
            guard chosen.count == members.count, fits(chosen, within: within) else { continue }
            places.append(chosen)
            latest = Array(repeating: nil, count: members.count)
        }
        return places
    }

    /// From each occurrence of the first member, takes the earliest following occurrence of each next
    /// member: for that start, the tightest window.
    private static func orderedPlaces(_ members: [[Occurrence]], within: Int) -> [[Occurrence]] {
        var places: [[Occurrence]] = []
        var freeFrom = Int.min
        for first in members[0] where first.start >= freeFrom {
            var chosen = [first]
            for member in members.dropFirst() {
                let after = chosen[chosen.count - 1].end
                guard let next = firstOccurrence(in: member, startingAtOrAfter: after) else { break }
                chosen.append(next)
            }
            guard chosen.count == members.count else { continue }
            if fits(chosen, within: within) {
                places.append(chosen)
                freeFrom = chosen[chosen.count - 1].end
            }
        }
        return places
    }

    /// Binary search in occurrences sorted by start.
    private static func firstOccurrence(in occurrences: [Occurrence], startingAtOrAfter position: Int) -> Occurrence? {
        var low = 0, high = occurrences.count
        while low < high {
            let middle = (low + high) / 2
            if occurrences[middle].start < position { low = middle + 1 } else { high = middle }
        }
        return low < occurrences.count ? occurrences[low] : nil
    }
}
