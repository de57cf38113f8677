extension NearDuplicateFingerprint {
    /// Bands of the locality-sensitive index: two fingerprints share at least one band key with
    /// probability 1 − (1 − J³)²⁰ for a body resemblance J: 0.93 at the fold threshold 0.5, above 0.99
    /// from 0.65, and 0.15 at 0.2, the resemblance of two stories that only share a footer.
    public static let bandCount = 20
    /// MinHash values per band.
    public static let rowsPerBand = 3

    /// The keys under which to index this fingerprint, and look up the stored ones it may resemble:
    /// ``bandCount`` hashes, each of ``rowsPerBand`` MinHash values of the body's shingles; ascending, each
    /// once, so that two items' keys are compared by one merge.
    ///
    /// Costs shingles × 60 hash steps: compute it once per item, outside any lock.
    public func bandKeys() -> [Int64] {
        (0..<Self.bandCount).map { band -> Int64 in
            var key = StableHash.mix(UInt64(band) &+ 1)
            for row in 0..<Self.rowsPerBand {
                let seed = Self.seeds[band * Self.rowsPerBand + row]
                var least = UInt64.max
                for shingle in shingles {
                    least = min(least, StableHash.mix(UInt64(shingle) ^ seed))
                }
                key = StableHash.combine(key, least)
            }
            return Int64(bitPattern: key)
        }.sortedWithoutRepeats()
    }

    /// One seed per MinHash function, fixed so that keys stay comparable across runs.
    private static let seeds: [UInt64] = (0..<(bandCount * rowsPerBand)).map { index in
        StableHash.mix(UInt64(index + 1) &* 0x9e37_79b9_7f4a_7c15)
    }
}
