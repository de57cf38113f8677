/// Upper bounds on numbers read from configuration files, and on the files themselves.
enum Limits {
    /// Largest term, topic or source weight. Three weights multiply into a score, and far smaller
    /// values than Double's range already make the other terms of a profile irrelevant.
    static let maximumWeight: Double = 1000
    /// Longest fetch timeout, one day: converted to milliseconds for libcurl, larger values would overflow.
    static let maximumTimeoutSeconds: Double = 86_400
    /// Longest refresh interval, 30 days: a source read less often is not being watched, and far
    /// larger values would overflow the date arithmetic of scheduling.
    static let maximumIntervalSeconds: Double = 30 * 86_400
    /// Longest delay between requests to one host, one hour: a longer one would leave a host's sources
    /// unread for days once a few of them queue up.
    static let maximumHostDelaySeconds: Double = 3600
    /// Longest `cluster.lease`, one day: a killed daemon's sources would wait that long for another daemon.
    static let maximumLeaseSeconds: Double = 86_400
    /// Most hosts `fetch.hosts` may name; each is looked up for every request.
    static let maximumHostRules = 10_000

    /// Most sources `sources.yaml` may list: each one is fetched, scheduled and stored.
    static let maximumSources = 50_000
    /// Most terms all profiles together may hold: each one is compiled into the matcher.
    static let maximumTerms = 100_000
    /// Longest profile id, in UTF-8 bytes. Digest files are named after it (`ID.html`, and `.ID.html.tmp-XXXXXX`
    /// while written), and a file name has at most 255 bytes.
    static let maximumProfileIDBytes = 200
}

/// How large one configuration file may be, checked before anything is parsed, and how much it may stand
/// for once its aliases are expanded (aliases let a file of a few hundred bytes stand for billions of values,
/// and readers visit each of them).
struct FileLimits: Sendable {
    /// Largest file read.
    let bytes: Int
    /// Most YAML values (scalars, lists and mappings) the file may stand for once its aliases are expanded;
    /// not counted in a file without an alias too small to reach it (see ``ExpansionBudget``).
    let expandedValues: Int
    /// Most bytes of scalar text the file may stand for once its aliases are expanded; counted likewise.
    let expandedBytes: Int

    /// Settings, profiles and vocabularies: 1 MiB, where the shipped files take a few KB.
    static let standard = FileLimits(bytes: 1 << 20, expandedValues: 100_000, expandedBytes: 4 << 20)

    /// `sources.yaml`, which grows with the sources watched: 32 MiB holds ``Limits/maximumSources`` sources
    /// of about 600 bytes each, and the expansion budget grows in proportion.
    static let sources = FileLimits(bytes: 32 << 20, expandedValues: 3_200_000, expandedBytes: 128 << 20)
}
