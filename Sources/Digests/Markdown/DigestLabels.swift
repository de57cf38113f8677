import Foundation

/// The words of a digest in one language, whatever its format, and its way of writing dates.
///
/// Month names are spelled here rather than taken from a locale: Linux images often lack locale
/// data, and the digest must read the same everywhere.
struct DigestLabels: Sendable {
    /// The BCP 47 code of the labels' language, for `lang` attributes.
    let language: String
    let title: @Sendable (_ day: String, _ profileName: String) -> String
    /// The title of a weekly digest: ISO week number and its year.
    let weekTitle: @Sendable (_ week: Int, _ year: Int, _ profileName: String) -> String
    let profile: String
    let generated: String
    let at: String
    let itemCount: @Sendable (Int) -> String
    let score: String
    let terms: String
    let topics: String
    let untitled: String
    /// Introduces the other sources of a story republished by several.
    let alsoPublishedBy: String
    let noItems: String
    let more: @Sendable (Int) -> String
    /// The entries of a day too large for any file, counted only.
    let omitted: @Sendable (Int) -> String
    let failingSources: String
    /// `3 échecs de suite`, then `dernier succès le 24 novembre 2026` or `jamais lu`.
    let failures: @Sendable (Int) -> String
    let lastSuccess: String
    let neverRead: String
    let colon: String
    /// Heads the trend chart: matches per day over so many days.
    let trendHeading: @Sendable (Int) -> String
    /// The trend row counting every match, whatever its topics.
    let allTopics: String
    let matches: @Sendable (Int) -> String
    /// `du 28 octobre 2026 au 26 novembre 2026`.
    let span: @Sendable (_ first: String, _ last: String) -> String
    /// The busiest day's count.
    let peak: @Sendable (Int) -> String
    /// The heading of a digest's entries that no topic of the profile names, when grouped by topic.
    let noTopic: String
    /// The index's title and its first section, the newest digest of each profile.
    let indexTitle: String
    let latest: String
    let months: [String]
    let dayFirst: Bool

    static func forLanguage(_ language: String) -> DigestLabels {
        language.lowercased().hasPrefix("en") ? english : french
    }

    static let french = DigestLabels(
        language: "fr",
        title: { day, name in "Veille du \(day) — \(name)" },
        weekTitle: { week, year, name in "Veille de la semaine \(week) de \(year) — \(name)" },
        profile: "Profil",
        generated: "généré le",
        at: "à",
        itemCount: { $0 == 1 ? "1 élément" : "\($0) éléments" },
        score: "score",
        terms: "Termes",
        topics: "Thèmes",
        untitled: "(sans titre)",
        alsoPublishedBy: "Aussi publié par",
        noItems: "Aucun élément.",
        more: { $0 == 1 ? "… et 1 autre élément, dans le fichier JSON." : "… et \($0) autres éléments, dans le fichier JSON." },
        omitted: { $0 == 1 ? "… et 1 élément de moindre score, qui ne figure dans aucun fichier." : "… et \($0) éléments de moindre score, qui ne figurent dans aucun fichier." },
        failingSources: "Sources en échec",
        failures: { $0 == 1 ? "1 échec" : "\($0) échecs de suite" },
        lastSuccess: "dernier succès le",
        neverRead: "jamais lue",
        colon: " : ",
        trendHeading: { "Correspondances par jour sur \($0) jours" },
        allTopics: "Tous thèmes",
        matches: { $0 == 1 ? "1 correspondance" : "\($0) correspondances" },
        span: { first, last in "du \(first) au \(last)" },
        peak: { "au plus \($0) par jour" },
        noTopic: "Hors thème",
        indexTitle: "Veilles",
        latest: "Dernières veilles",
        months: [
            "janvier", "février", "mars", "avril", "mai", "juin",
            "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        ],
        dayFirst: true
    )

    static let english = DigestLabels(
        language: "en",
        title: { day, name in "Digest for \(day) — \(name)" },
        weekTitle: { week, year, name in "Digest for week \(week) of \(year) — \(name)" },
        profile: "Profile",
        generated: "generated on",
        at: "at",
        itemCount: { $0 == 1 ? "1 item" : "\($0) items" },
        score: "score",
        terms: "Terms",
        topics: "Topics",
        untitled: "(untitled)",
        alsoPublishedBy: "Also published by",
        noItems: "No items.",
        more: { $0 == 1 ? "… and 1 more item in the JSON file." : "… and \($0) more items in the JSON file." },
        omitted: { $0 == 1 ? "… and 1 lower-scored item that is in no file." : "… and \($0) lower-scored items that are in no file." },
        failingSources: "Failing sources",
        failures: { $0 == 1 ? "1 failure" : "\($0) failures in a row" },
        lastSuccess: "last success on",
        neverRead: "never read",
        colon: ": ",
        trendHeading: { "Matches per day over \($0) days" },
        allTopics: "All topics",
        matches: { $0 == 1 ? "1 match" : "\($0) matches" },
        span: { first, last in "from \(first) to \(last)" },
        peak: { "at most \($0) a day" },
        noTopic: "No topic",
        indexTitle: "Digests",
        latest: "Latest digests",
        months: [
            "January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December",
        ],
        dayFirst: false
    )

    /// `26 novembre 2026` or `November 26, 2026`.
    func day(year: Int, month: Int, day: Int) -> String {
        guard (1...12).contains(month) else { return String(format: "%04ld-%02ld-%02ld", year, month, day) }
        let name = months[month - 1]
        return dayFirst ? "\(day) \(name) \(year)" : "\(name) \(day), \(year)"
    }

    /// `3 échecs de suite · dernier succès le 24 novembre 2026` for a failing source.
    func failureSummary(_ source: FailingSource) -> String {
        failures(source.consecutiveFailures) + " · " + (source.lastSuccess.map { lastSuccess + " " + day($0) } ?? neverRead)
    }

    /// A date's calendar day in UTC.
    func day(_ date: Date) -> String {
        let parts = Self.utc.dateComponents([.year, .month, .day], from: date)
        return day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// A `YYYY-MM-DD` period written out; anything else is returned as is.
    /// The title of the digest of `period` (`YYYY-MM-DD` or `YYYY-Www`) for the profile named `name`.
    func heading(period text: String, name: String) -> String {
        let parts = text.split(separator: "-W", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let week = Int(parts[1]) {
            return weekTitle(week, year, name)
        }
        return title(period(text), name)
    }

    func period(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]) else {
            return text
        }
        return day(year: year, month: month, day: dayOfMonth)
    }

    /// A date with its UTC time: `26 novembre 2026 à 07:05 UTC`.
    func timestamp(_ date: Date) -> String {
        let parts = Self.utc.dateComponents([.hour, .minute], from: date)
        return "\(day(date)) \(at) " + String(format: "%02ld:%02ld UTC", parts.hour ?? 0, parts.minute ?? 0)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()
}
