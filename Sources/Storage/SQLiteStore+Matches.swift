import Foundation
import Model

/// Inserting the matches a recording transaction brings, after its items.
extension SQLiteStore {
    /// A match of a recorded item, waiting to be inserted with the others of its transaction: where it is
    /// (`fetches[fetch].items[entry].matches[match]`) rather than a copy, and in recording order by that place.
    struct PendingMatch {
        let itemID: Int64
        let fetch: Int
        let entry: Int
        let match: Int
    }

    /// What a match found, as its JSON columns hold it: where each column's text lies in a ``BoundTexts``.
    private struct EncodedEvidence {
        let topics: Range<Int>
        let terms: Range<Int>
        let surfaces: Range<Int>

        init(_ match: Match, into texts: inout BoundTexts) {
            topics = texts.append(JSONColumn.encode(match.topics))
            terms = texts.append(JSONColumn.encode(match.terms))
            surfaces = texts.append(JSONColumn.encode(match.surfaces))
        }
    }

    /// Inserts the matches of a transaction's fetches with one statement, by profile, each profile's in the
    /// order they were recorded in; returns, per fetch, how many were new (an item keeps the first match of each
    /// profile) and which of the new ones reach their profile's `alertScores` entry, in recording order.
    /// `matched` is in recording order.
    ///
    /// By profile, because `matches_profile_matched` is keyed by profile: in recording order, every document
    /// inserted into the range of each profile it matches, so that with many profiles each document rewrote
    /// pages all over the index, which the cache could not keep; by profile, each page the transaction
    /// touches is read and written once.
    func insertMatches(
        _ db: Connection, _ matched: [PendingMatch], of fetches: [FetchRecord], operation: String
    ) throws(StorageError) -> [(count: Int, alerting: [(itemID: Int64, profile: String)])] {
        var inserted = [(count: Int, alerting: [(itemID: Int64, profile: String)])](repeating: (0, []), count: fetches.count)
        guard !matched.isEmpty else { return inserted }

        // The profiles an item matches nearly always found the same words in it (1,000 profiles: 1.34 million
        // matches, one evidence per item), so the JSON is encoded once per run of equal evidence in an item.
        // Profiles are numbered as they come, then ranked in the order the index keeps them. What the inserts
        // bind is gathered here, so that they copy no `Match`.
        // The profiles' names and the evidence are bound where they lie in `texts`: a bind that copied them cost
        // SQLite an allocation, a copy and a free for each of four texts of every row.
        var texts = BoundTexts()
        var evidence: [EncodedEvidence] = []
        var evidenceOf: [Int32] = []
        evidenceOf.reserveCapacity(matched.count)
        var scores: [Double] = []
        scores.reserveCapacity(matched.count)
        var profileNumbers: [String: Int32] = [:]
        var profiles: [String] = []
        var profileTexts: [Range<Int>] = []
        var profileOf: [Int32] = []
        profileOf.reserveCapacity(matched.count)
        var previous: (pending: PendingMatch, match: Match)?
        for pending in matched {
            let current = fetches[pending.fetch].items[pending.entry].matches[pending.match]
            if let previous, previous.pending.fetch == pending.fetch, previous.pending.entry == pending.entry,
                Self.sameEvidence(previous.match, current)
            {
                evidenceOf.append(Int32(evidence.count - 1))
            } else {
                evidenceOf.append(Int32(evidence.count))
                evidence.append(EncodedEvidence(current, into: &texts))
            }
            scores.append(current.score)
            if let number = profileNumbers[current.profile] {
                profileOf.append(number)
            } else {
                let number = Int32(profiles.count)
                profileNumbers[current.profile] = number
                profiles.append(current.profile)
                profileTexts.append(texts.append(current.profile))
                profileOf.append(number)
            }
            previous = (pending, current)
        }
        try sizeCache(db, forProfiles: profiles.count, operation: operation)
        let order = Self.byProfile(profileOf, profiles: profiles)
        let fetchedAt = fetches.map(\.fetchedAt)
        let alertScores = fetches.map { $0.alertScores.isEmpty ? nil : $0.alertScores }

        var alerting: [Int] = []
        try texts.withBytes { text throws(StorageError) in
            try db.withStatement(
                """
                INSERT INTO matches (item_id, profile, score, topics, terms, matched_at, surfaces) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (item_id, profile) DO NOTHING
                """,
                operation: operation
            ) { insert throws(StorageError) in
                for index in order {
                    let pending = matched[index]
                    let profile = Int(profileOf[index])
                    let found = evidence[Int(evidenceOf[index])]
                    try insert.bind(1, pending.itemID)
                    try insert.bind(2, inPlace: text(profileTexts[profile]))
                    try insert.bind(3, scores[index])
                    try insert.bind(4, inPlace: text(found.topics))
                    try insert.bind(5, inPlace: text(found.terms))
                    try insert.bind(6, fetchedAt[pending.fetch])
                    try insert.bind(7, inPlace: text(found.surfaces))
                    try insert.run()
                    guard db.changes == 1 else { continue }
                    inserted[pending.fetch].count += 1
                    if let alertScore = alertScores[pending.fetch]?[profiles[profile]], scores[index] >= alertScore {
                        alerting.append(index)
                    }
                }
            }
        }
        // `matched` is in recording order, and so are its indices.
        for index in alerting.sorted() {
            inserted[matched[index].fetch].alerting.append((matched[index].itemID, profiles[Int(profileOf[index])]))
        }
        return inserted
    }

    private static func sameEvidence(_ left: Match, _ right: Match) -> Bool {
        left.topics == right.topics && left.terms == right.terms && left.surfaces == right.surfaces
    }

    /// The indices of `profileOf` (each a number in `profiles`) ordered by profile, then by index: a stable
    /// counting sort over the profiles' ranks, instead of comparing profile strings n log n times.
    private static func byProfile(_ profileOf: [Int32], profiles: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: profiles.count)
        for (position, number) in profiles.indices.sorted(by: { profiles[$0] < profiles[$1] }).enumerated() {
            rank[number] = position
        }
        var start = [Int](repeating: 0, count: profiles.count + 1)
        for number in profileOf { start[rank[Int(number)] + 1] += 1 }
        for position in profiles.indices { start[position + 1] += start[position] }
        var order = [Int](repeating: 0, count: profileOf.count)
        for (index, number) in profileOf.enumerated() {
            let position = rank[Int(number)]
            order[start[position]] = index
            start[position] += 1
        }
        return order
    }
}
