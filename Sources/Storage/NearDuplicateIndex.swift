import Foundation
import TextNormalization

/// The rules of near-duplicate folding that do not depend on the backend: how long fingerprints are kept,
/// how they are stored as bytes, and which stored story a new item joins.
enum NearDuplicateIndex {
    /// How far back a new item's neighbours are looked for: republications of a release come within days,
    /// and the index stays the size of one week of items.
    static let window: TimeInterval = 7 * 86_400

    /// Hashes as stored: 4 bytes each, little-endian whatever the machine.
    static func bytes(_ hashes: [UInt32]) -> [UInt8] { littleEndian(hashes) }

    /// The hashes stored as ``bytes(_:)-([UInt32])``; a trailing partial hash is ignored.
    static func hashes(_ bytes: [UInt8]) -> [UInt32] { values(bytes) }

    /// Band keys as stored: 8 bytes each, little-endian whatever the machine.
    static func bytes(_ keys: [Int64]) -> [UInt8] { littleEndian(keys) }

    /// The band keys stored as ``bytes(_:)-([Int64])``; a trailing partial key is ignored.
    static func keys(_ bytes: [UInt8]) -> [Int64] { values(bytes) }

    private static func littleEndian<Value: FixedWidthInteger>(_ values: [Value]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * Value.bitWidth / 8)
        for value in values {
            for shift in stride(from: 0, to: Value.bitWidth, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return bytes
    }

    private static func values<Value: FixedWidthInteger>(_ bytes: [UInt8]) -> [Value] {
        let width = Value.bitWidth / 8
        return stride(from: 0, to: bytes.count - bytes.count % width, by: width).map { start in
            (0..<width).reduce(Value.zero) { value, offset in value | Value(truncatingIfNeeded: bytes[start + offset]) << (offset * 8) }
        }
    }

    /// The fingerprint stored as these columns' bytes (``bytes(_:)``).
    static func fingerprint(titleWords: [UInt8], shingles: [UInt8], lead: [UInt8]) -> NearDuplicateFingerprint {
        NearDuplicateFingerprint(titleWords: hashes(titleWords), shingles: hashes(shingles), lead: hashes(lead))
    }

    /// The band keys of the fingerprint whose shingles are stored as `shingles`: those it was indexed under,
    /// since they depend on its shingles only, so that pruning finds the index rows of an item without an
    /// index by item.
    static func bandKeys(ofShingles shingles: [UInt8]) -> [Int64] {
        NearDuplicateFingerprint(titleWords: [], shingles: hashes(shingles), lead: []).bandKeys()
    }

    /// Chooses, among the indexed neighbours of a new item offered in ascending item id, the story of the
    /// one it resembles most. Ties go to the first offered (the oldest item), so that the answer depends on
    /// what is stored, not on the order of the rows read.
    struct ClosestStory {
        let fingerprint: NearDuplicateFingerprint
        /// The chosen story (its first stored copy's id), nil while no neighbour is a near-duplicate.
        private(set) var story: Int64?
        private var bestBody = -1.0

        init(to fingerprint: NearDuplicateFingerprint) {
            self.fingerprint = fingerprint
        }

        /// Considers one neighbour: `story` is its story's id, the others its fingerprint's bytes.
        mutating func consider(story: Int64, titleWords: [UInt8], shingles: [UInt8], lead: [UInt8]) {
            consider(story: story, fingerprint: NearDuplicateIndex.fingerprint(titleWords: titleWords, shingles: shingles, lead: lead))
        }

        /// Considers one neighbour: `story` is its story's id, `stored` its fingerprint.
        mutating func consider(story: Int64, fingerprint stored: NearDuplicateFingerprint) {
            let resemblance = fingerprint.resemblance(to: stored)
            guard resemblance.isNearDuplicate, resemblance.body > bestBody else { return }
            self.story = story
            bestBody = resemblance.body
        }
    }
}
