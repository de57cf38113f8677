/// What two feed items are compared on to tell the same story republished by several sites: the words
/// of the title, the three-word shingles of the first words of the body, and those of its lead, each as a
/// set of stable 32-bit hashes.
///
/// Sets rather than a single 64-bit SimHash because republications differ by whole sentences (an added
/// paragraph, another intro): on French releases that moves a SimHash by 6 to 12 bits, while two
/// different briefs sharing an agency footer differ by only 14 to 17, so no bit threshold folds the
/// first with a margin from the second, and any threshold above 3 bits makes the band index a scan. The
/// resemblance of the sets (``Resemblance``: title, body and lead, compared exactly) keeps the two apart;
/// MinHash ``bandKeys()`` find the stored sets worth comparing without a scan.
///
/// Hashes are stable across processes and machines (FNV-1a, SplitMix64), so stored fingerprints stay
/// comparable with new ones. Changing how they are built requires dropping the stored ones.
public struct NearDuplicateFingerprint: Sendable, Equatable {
    /// Hashes of the title's distinct words, ascending.
    public let titleWords: [UInt32]
    /// Hashes of the distinct three-word shingles of the body's first ``bodyWordLimit`` words, ascending.
    public let shingles: [UInt32]
    /// Hashes of the body's first ``leadShingleCount`` shingles (its lead), ascending.
    public let lead: [UInt32]

    /// Words per shingle: three keep word order without letting one changed word spoil many shingles.
    public static let shingleSize = 3
    /// Body words read: the lead and the first paragraphs, where a story differs from the next one of
    /// the same site; footers and "Lire aussi" lists come later. Also bounds the cost of long articles.
    public static let bodyWordLimit = 200
    /// Shingles of the lead: the first sentence or two, which a republication keeps (or keeps after an
    /// intro of its own) and which two stories sharing a footer or a "Lire aussi" list do not share.
    public static let leadShingleCount = 20
    /// Fewer body shingles than this (a title-only item, a one-line brief) carry too little to call two
    /// items the same story: such items get no fingerprint.
    public static let minimumShingles = 8
    /// Characters of each body part tokenised, enough for ``bodyWordLimit`` words of any real text.
    static let characterLimit = 4096
    /// Title words kept: a title longer than this is not a title.
    package static let titleWordLimit = 64

    /// A fingerprint read back from storage; the arrays are sorted and deduplicated if they were not.
    public init(titleWords: [UInt32], shingles: [UInt32], lead: [UInt32]) {
        self.titleWords = titleWords.sortedWithoutRepeats()
        self.shingles = shingles.sortedWithoutRepeats()
        self.lead = lead.sortedWithoutRepeats()
    }

    /// The fingerprint of an item, or nil when its body is too short to tell it from another
    /// (fewer than ``minimumShingles`` shingles).
    ///
    /// The body is the summary followed by the content: a feed that sends both and one that sends only
    /// the full text give nearly the same first words. Shingles do not span the two.
    public init?(title: String?, summary: String?, content: String?) {
        self.init(title: .text(title), summary: .text(summary), content: .text(content))
    }

    /// The fingerprint of an item some of whose texts were read already, as the public initialiser gives it:
    /// a part given as ``FingerprintPart/words(_:)`` must hold at least the words that initialiser would read
    /// of that text (``titleWordLimit`` for the title, ``bodyWordLimit`` for each body part), read from a
    /// text for which ``readsWhole(_:)`` holds; a part given as text is read here.
    package init?(title: FingerprintPart, summary: FingerprintPart, content: FingerprintPart) {
        let (titleWords, shingles) = Self.readers.withReader {
            $0.hashes(
                title: title, summary: summary, content: content, titleWordLimit: Self.titleWordLimit,
                bodyWordLimit: Self.bodyWordLimit, characterLimit: Self.characterLimit)
        }
        self.init(titleWords: titleWords, shingles: shingles, lead: Array(shingles.prefix(Self.leadShingleCount)))
        guard self.shingles.count >= Self.minimumShingles else { return nil }
    }

    /// Whether the words of the whole of `text` begin with those a fingerprint reads of it: when the text is
    /// no longer than ``characterLimit`` scalars, of which it has no more than UTF-8 bytes. (A token-limited
    /// read gives the first tokens of a full one; a longer text is cut first, which may cut a word.)
    package static func readsWhole(_ text: String) -> Bool {
        text.utf8.count <= characterLimit
    }

    /// How much this fingerprint's title, body and lead share with `other`'s.
    public func resemblance(to other: NearDuplicateFingerprint) -> Resemblance {
        Resemblance(
            title: Self.jaccard(titleWords, other.titleWords),
            body: Self.jaccard(shingles, other.shingles),
            lead: max(Self.containment(lead, in: other.shingles), Self.containment(other.lead, in: shingles)))
    }

    /// Readers shared by every item, one per thread fingerprinting at a time.
    private static let readers = FingerprintReaderPool()

    /// |a ∩ b| / |a ∪ b| of two ascending duplicate-free arrays; 0 when both are empty.
    private static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        let common = commonCount(a, b)
        return Double(common) / Double(a.count + b.count - common)
    }

    /// |a ∩ b| / |a| of two ascending duplicate-free arrays; 0 when `a` is empty.
    private static func containment(_ a: [UInt32], in b: [UInt32]) -> Double {
        a.isEmpty ? 0 : Double(commonCount(a, b)) / Double(a.count)
    }

    private static func commonCount(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0
        var j = 0
        var common = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return common
    }
}
