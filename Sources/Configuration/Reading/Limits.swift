/// Upper bounds on numbers read from configuration files.
enum Limits {
    /// Largest term, topic or source weight. Three weights multiply into a score, and far smaller
    /// values than Double's range already make the other terms of a profile irrelevant.
    static let maximumWeight: Double = 1000
    /// Longest fetch timeout, one day: converted to milliseconds for libcurl, larger values would overflow.
    static let maximumTimeoutSeconds: Double = 86_400
    /// Longest refresh interval, 30 days: a source read less often is not being watched, and far
    /// larger values would overflow the date arithmetic of scheduling.
    static let maximumIntervalSeconds: Double = 30 * 86_400
}
