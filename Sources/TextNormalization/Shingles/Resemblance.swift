/// How much two items' fingerprints share, and whether that makes them the same story.
public struct Resemblance: Sendable, Equatable {
    /// Jaccard similarity of the titles' word sets, 0…1.
    public var title: Double
    /// Jaccard similarity of the bodies' shingle sets, 0…1.
    public var body: Double
    /// The larger share of either lead's shingles found in the other body, 0…1.
    public var lead: Double

    /// Body resemblance that folds two items whose titles are alike. A republication with an added
    /// paragraph or another intro sentence keeps 0.7–0.9 of the shingles; two different stories of one
    /// site sharing a footer and a "Lire aussi" list, under alike titles, reach about 0.4.
    public static let bodyThreshold = 0.5
    /// Title resemblance that counts as alike: the same headline recased, repunctuated or with a word or
    /// two added ("Hydrogène : …") stays above 0.9; unrelated headlines of one place stay below 0.2.
    public static let titleThreshold = 0.5
    /// Body resemblance that folds two items whatever their titles: a site that republishes a release
    /// under its own headline keeps nearly every shingle, while short briefs whose text is mostly one
    /// agency footer reach 0.65 (and are kept apart by their leads anyway).
    public static let verbatimBodyThreshold = 0.85

    /// Lead resemblance below which two items are different stories however much else they share: a
    /// republication keeps the release's lead, or keeps most of it after an intro sentence of its own (0.7),
    /// while stories whose text is mostly one agency footer share a few words of their leads at most (0.25).
    public static let leadThreshold = 0.5

    public init(title: Double, body: Double, lead: Double) {
        self.title = title
        self.body = body
        self.lead = lead
    }

    /// True when the two items are the same story: one lead found in the other body, and the bodies
    /// nearly identical or alike under alike titles.
    public var isNearDuplicate: Bool {
        guard lead >= Self.leadThreshold else { return false }
        return body >= Self.verbatimBodyThreshold || (body >= Self.bodyThreshold && title >= Self.titleThreshold)
    }
}
