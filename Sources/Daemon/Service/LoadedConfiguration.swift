import Configuration
import Fetching
import Foundation
import Matching
import Scheduling

/// A configuration as the daemon uses it: validated, with its schedule resolved and its matcher compiled
/// when first needed (compiling cannot fail). Built whole before it replaces the previous one, so a reload
/// is all or nothing.
public struct LoadedConfiguration: Sendable {
    /// The files as loaded.
    public let configuration: Configuration
    /// One matcher compiled from every profile, when first asked for.
    public let compiledMatcher: MatcherOnDemand
    /// One matcher compiled from every profile (compiled now if it was not yet).
    public var matcher: Matcher { compiledMatcher.matcher }
    /// When digests are due by default: `veilleur.yaml`'s daily time.
    public let digestSchedule: DigestSchedule
    /// Each schedule in force (the default, and those of profiles with their own `digest`) with its profiles.
    public let digestPlan: DigestPlan
    /// Limits every transfer runs under.
    public let fetchLimits: FetchLimits
    /// What one source may add per fetch and per day.
    public let crawlLimits: CrawlLimits
    /// The bounds each source's interval adapts between.
    public let adaptiveInterval: AdaptiveInterval

    /// Loads and validates the folder; every mistake is reported at once.
    public static func load(directory: URL) throws(ConfigurationError) -> LoadedConfiguration {
        LoadedConfiguration(try Configuration.load(directory: directory))
    }

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let profiles = configuration.profiles
        self.compiledMatcher = MatcherOnDemand { Matcher(profiles: profiles) }
        let settings = configuration.settings
        self.digestSchedule = DigestSchedule(
            hour: settings.digestHour, minute: settings.digestMinute,
            timeZone: TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "Europe/Paris")!)
        self.digestPlan = DigestPlan(profiles: profiles, standard: digestSchedule)
        self.fetchLimits = FetchLimits(
            userAgent: settings.requestUserAgent,
            connectTimeout: settings.connectTimeout,
            totalTimeout: settings.totalTimeout,
            maxBodyBytes: settings.maxBodyBytes,
            maxRedirects: settings.maxRedirects,
            maxConcurrent: settings.concurrency,
            maxConnectionsPerHost: settings.connectionsPerHost,
            proxy: settings.proxy,
            minHostDelay: settings.minHostDelay,
            hostRules: settings.hosts.mapValues { HostRule(minDelay: $0.minDelay, maxConnections: $0.connections) })
        self.crawlLimits = CrawlLimits(maxItemsPerFetch: settings.maxItemsPerFetch, maxNewItemsPerDay: settings.maxNewItemsPerDay)
        self.adaptiveInterval = AdaptiveInterval(minimum: settings.minInterval, maximum: settings.maxInterval)
    }
}
