/// When a profile's digests are written, as its `digest:` key says: daily at a time of day, weekly on a day
/// at a time, or both, in a time zone. A profile without the key follows `veilleur.yaml`'s daily time.
public struct DigestTimes: Sendable, Hashable {
    /// A local time of day.
    public struct TimeOfDay: Sendable, Hashable {
        /// 0–23.
        public var hour: Int
        /// 0–59.
        public var minute: Int

        public init(hour: Int, minute: Int) {
            self.hour = hour
            self.minute = minute
        }
    }

    /// A day of the week and a time on it.
    public struct Weekly: Sendable, Hashable {
        /// ISO 8601 day of the week: 1 is Monday, 7 is Sunday.
        public var weekday: Int
        public var time: TimeOfDay

        public init(weekday: Int, time: TimeOfDay) {
            self.weekday = weekday
            self.time = time
        }
    }

    /// When the daily digest is due; nil for no daily digest.
    public var daily: TimeOfDay?
    /// When the weekly digest is due; nil for no weekly digest.
    public var weekly: Weekly?
    /// IANA identifier of the zone both times are read in; nil for `veilleur.yaml`'s.
    public var timeZone: String?

    public init(daily: TimeOfDay? = nil, weekly: Weekly? = nil, timeZone: String? = nil) {
        self.daily = daily
        self.weekly = weekly
        self.timeZone = timeZone
    }
}
