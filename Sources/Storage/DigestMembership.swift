import Model

/// Which column of `matches` says what digest a match belongs to for a period's schedule: a match is in at
/// most one daily digest (`digest_id`) and at most one weekly digest (`weekly_digest_id`) of its profile.
enum DigestMembership {
    /// The membership column of `period`'s kind; a stored period that parses as neither kind is a day's,
    /// as every period was before weeks.
    static func column(forPeriod period: String) -> String {
        column(for: DigestPeriod(period)?.kind ?? .day)
    }

    static func column(for kind: DigestPeriod.Kind) -> String {
        switch kind {
        case .day: "digest_id"
        case .week: "weekly_digest_id"
        }
    }
}
