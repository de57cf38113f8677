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
    /// Most hosts `fetch.hosts` may name; each is looked up for every request.
    static let maximumHostRules = 10_000

    /// Largest configuration file read, 1 MiB: the shipped files are a few KB, and the bound is checked
    /// before anything is parsed.
    static let maximumFileBytes = 1 << 20
    /// Most YAML values (scalars, lists and mappings) one file may stand for once its aliases are expanded.
    /// Aliases let a file of a few hundred bytes stand for billions of values; readers visit each of them.
    static let maximumExpandedValues = 100_000
    /// Most bytes of scalar text one file may stand for once its aliases are expanded.
    static let maximumExpandedBytes = 4 << 20
    /// Most terms all profiles together may hold: each one is compiled into the matcher.
    static let maximumTerms = 100_000
    /// Longest profile id, in UTF-8 bytes. Digest files are named after it (`ID.html`, and `.ID.html.tmp-XXXXXX`
    /// while written), and a file name has at most 255 bytes.
    static let maximumProfileIDBytes = 200
}
