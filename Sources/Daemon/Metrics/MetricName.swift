/// Every metric the daemon publishes, in one list (docs/metrics.md describes each), so that a name is
/// spelled once and a dashboard can rely on it.
enum MetricName {
    /// Counter: fetches by `result` (`modified`, `not_modified`, `failed`) and, for failures, `reason`.
    static let fetches = "veilleur_fetches_total"
    /// Counter: bytes of the documents received (after decompression).
    static let fetchedBytes = "veilleur_fetched_bytes_total"
    /// Counter: documents received that could not be read (malformed, cut short, wrong type).
    static let parseErrors = "veilleur_parse_errors_total"
    /// Counter: items stored for the first time.
    static let newItems = "veilleur_new_items_total"
    /// Counter: matches stored.
    static let matches = "veilleur_matches_total"
    /// Counter: immediate alerts raised (at most one per profile and story).
    static let alerts = "veilleur_alerts_total"
    /// Counter: digests written, by `profile`; `veilleur_digest_failures_total` those that could not be.
    static let digestsWritten = "veilleur_digests_written_total"
    static let digestFailures = "veilleur_digest_failures_total"
    /// Counter: digest e-mail attempts, by `profile` and `result` (`sent`, `retry`, `failed`: given up).
    static let digestsSent = "veilleur_digest_emails_total"
    /// Histogram (seconds): how late each due source started, from its due time to its claim.
    static let schedulingLag = "veilleur_scheduling_lag_seconds"
    /// Histogram (seconds): how long each crawl pass took.
    static let crawlDuration = "veilleur_crawl_pass_duration_seconds"
    /// Gauge: the database's size in bytes (the SQLite file and its journal, or PostgreSQL's database).
    static let databaseBytes = "veilleur_database_bytes"
    /// Gauge: configured sources by `status` (`ok`, `failing`, `never_fetched`).
    static let sources = "veilleur_sources"
    /// Gauge: when the metrics were last gathered (Unix seconds), so a stale textfile shows.
    static let updated = "veilleur_metrics_updated_timestamp_seconds"
}
