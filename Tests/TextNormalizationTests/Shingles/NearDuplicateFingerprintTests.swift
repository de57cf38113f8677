import SeededRandom
import Testing
@testable import TextNormalization

@Suite("Near-duplicate fingerprints")
struct NearDuplicateFingerprintTests {
    private func fingerprint(_ item: FrenchReleases.Item) throws -> NearDuplicateFingerprint {
        try #require(NearDuplicateFingerprint(title: item.title, summary: nil, content: item.body))
    }

    private func resemblance(_ a: FrenchReleases.Item, _ b: FrenchReleases.Item) throws -> Resemblance {
        try fingerprint(a).resemblance(to: fingerprint(b))
    }

    @Test("A release republished with another headline case and punctuation folds", arguments: [
        (FrenchReleases.release, FrenchReleases.repunctuated),
    ])
    func repunctuated(a: FrenchReleases.Item, b: FrenchReleases.Item) throws {
        let found = try resemblance(a, b)
        #expect(found.title == 1)
        #expect(found.body == 1)
        #expect(found.isNearDuplicate)
    }

    @Test("A release republished with an added paragraph, another intro or its own headline folds", arguments: [
        FrenchReleases.withAddedParagraph, FrenchReleases.withOtherIntro, FrenchReleases.retitled,
    ])
    func rewrites(copy: FrenchReleases.Item) throws {
        let found = try resemblance(FrenchReleases.release, copy)
        #expect(found.isNearDuplicate, "\(copy.name): \(found)")
    }

    @Test("Stories that share an agency footer, a Lire aussi list and place names do not fold")
    func sharedBoilerplate() throws {
        let stories = FrenchReleases.agencyStories
        for (index, a) in stories.enumerated() {
            for b in stories[(index + 1)...] where a.story != b.story {
                let found = try resemblance(a, b)
                #expect(!found.isNearDuplicate, "\(a.name) and \(b.name): \(found)")
            }
        }
    }

    @Test("Over every pair of the French set, exactly the copies of one story fold with its first item")
    func everyPair() throws {
        let all = FrenchReleases.copies + FrenchReleases.agencyStories
        var wrong: [String] = []
        for (index, a) in all.enumerated() {
            for b in all[(index + 1)...] {
                let found = try resemblance(a, b)
                // Two rewrites of one story need not resemble each other directly: each folds with the first
                // item, and a stored story takes both. Only a fold of different stories is an error.
                if a.story != b.story && found.isNearDuplicate { wrong.append("\(a.name)~\(b.name) \(found)") }
                if a.story == b.story && (a.name == a.story || b.name == b.story) && !found.isNearDuplicate {
                    wrong.append("\(a.name)≁\(b.name) \(found)")
                }
            }
        }
        #expect(wrong.isEmpty)
    }

    @Test("Fingerprints of copies that fold share a band key; fingerprints of unrelated stories share none")
    func bandKeys() throws {
        let keys = try fingerprint(FrenchReleases.release).bandKeys()
        #expect(keys.count == NearDuplicateFingerprint.bandCount)
        // Ascending and each once: recording compares two items' keys by one merge.
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        let release = Set(keys)
        for copy in FrenchReleases.copies.dropFirst() {
            #expect(!release.isDisjoint(with: try fingerprint(copy).bandKeys()), "\(copy.name)")
        }
        #expect(release.isDisjoint(with: try fingerprint(FrenchReleases.liner).bandKeys()))
    }

    @Test("Band keys are the same for the same text, whatever the process")
    func stableKeys() throws {
        let once = try fingerprint(FrenchReleases.release)
        let again = NearDuplicateFingerprint(
            titleWords: once.titleWords.reversed(), shingles: once.shingles.reversed(), lead: once.lead.reversed())
        #expect(again == once)
        #expect(again.bandKeys() == once.bandKeys())
    }

    @Test("Band keys follow their definition, so that the keys stored by earlier versions are found again")
    func keysFollowTheDefinition() {
        // Each band: the hash of its number, combined with the least hash of a shingle under each of its
        // rows' seeds, the seed of MinHash function i being the hash of (i + 1) times the golden ratio.
        func definition(_ shingles: [UInt32]) -> [Int64] {
            let rows = NearDuplicateFingerprint.rowsPerBand
            return (0..<NearDuplicateFingerprint.bandCount).map { band -> Int64 in
                var key = StableHash.mix(UInt64(band) + 1)
                for row in 0..<rows {
                    let seed = StableHash.mix(UInt64(band * rows + row + 1) &* 0x9e37_79b9_7f4a_7c15)
                    key = StableHash.combine(key, shingles.map { StableHash.mix(UInt64($0) ^ seed) }.min() ?? .max)
                }
                return Int64(bitPattern: key)
            }.sortedWithoutRepeats()
        }
        var random = SplitMix(seed: 5)
        for count in [0, 1, 2, 3, 7, 8, 50, 198, 1_000] {
            let shingles = (0..<count).map { _ in UInt32.random(in: 0...UInt32.max, using: &random) }
            let fingerprint = NearDuplicateFingerprint(titleWords: [], shingles: shingles, lead: [])
            #expect(fingerprint.bandKeys() == definition(fingerprint.shingles), "\(count) shingles")
        }
    }

    @Test("An item with a title and no body, or a one-line body, gets no fingerprint")
    func tooShort() {
        #expect(NearDuplicateFingerprint(title: FrenchReleases.release.title, summary: nil, content: nil) == nil)
        #expect(NearDuplicateFingerprint(title: "Communiqué", summary: "Lhyfe inaugure son site de Bouin.", content: nil) == nil)
    }

    @Test("Only the first words of a long body count, so an article's tail changes nothing")
    func bodyLimit() throws {
        let tail = String(repeating: "Un paragraphe de plus, sans rapport avec le sujet. ", count: 100)
        let long = try #require(NearDuplicateFingerprint(
            title: FrenchReleases.release.title, summary: nil, content: FrenchReleases.releaseBody + " " + tail + tail))
        let wordCount = FrenchReleases.releaseBody.split(separator: " ").count
        #expect(wordCount < NearDuplicateFingerprint.bodyWordLimit)
        #expect(long.resemblance(to: try fingerprint(FrenchReleases.release)).isNearDuplicate)
        #expect(long.shingles.count <= NearDuplicateFingerprint.bodyWordLimit)
    }

    @Test("A summary and the full text that starts with it resemble the full text alone")
    func summaryThenContent() throws {
        let lead = String(FrenchReleases.releaseBody.prefix(while: { $0 != "." })) + "."
        let both = try #require(NearDuplicateFingerprint(
            title: FrenchReleases.release.title, summary: lead, content: FrenchReleases.releaseBody))
        #expect(both.resemblance(to: try fingerprint(FrenchReleases.release)).body > 0.95)
    }
}
