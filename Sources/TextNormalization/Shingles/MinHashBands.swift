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
        let least = leastHashes()
        return (0..<Self.bandCount).map { band -> Int64 in
            var key = StableHash.mix(UInt64(band) &+ 1)
            for row in 0..<Self.rowsPerBand {
                key = StableHash.combine(key, least[band * Self.rowsPerBand + row])
            }
            return Int64(bitPattern: key)
        }.sortedWithoutRepeats()
    }

    /// For each seed, the least hash of a shingle under it. Four seeds share each pass over the shingles:
    /// their hashes do not wait for one another, and the shingles are read a quarter as often.
    private func leastHashes() -> [UInt64] {
        let seeds = Self.seeds
        var least = [UInt64](repeating: .max, count: seeds.count)
        shingles.withUnsafeBufferPointer { shingles in
            var first = 0
            while first < seeds.count {
                let group = min(4, seeds.count - first)
                let s0 = seeds[first], s1 = seeds[first + min(1, group - 1)]
                let s2 = seeds[first + min(2, group - 1)], s3 = seeds[first + min(3, group - 1)]
                var (m0, m1, m2, m3) = (UInt64.max, UInt64.max, UInt64.max, UInt64.max)
                for shingle in shingles {
                    let value = UInt64(shingle)
                    m0 = min(m0, StableHash.mix(value ^ s0))
                    m1 = min(m1, StableHash.mix(value ^ s1))
                    m2 = min(m2, StableHash.mix(value ^ s2))
                    m3 = min(m3, StableHash.mix(value ^ s3))
                }
                least[first] = m0
                if group > 1 { least[first + 1] = m1 }
                if group > 2 { least[first + 2] = m2 }
                if group > 3 { least[first + 3] = m3 }
                first += group
            }
        }
        return least
    }

    /// One seed per MinHash function, fixed so that keys stay comparable across runs.
    private static let seeds: [UInt64] = (0..<(bandCount * rowsPerBand)).map { index in
        StableHash.mix(UInt64(index + 1) &* 0x9e37_79b9_7f4a_7c15)
    }
}
