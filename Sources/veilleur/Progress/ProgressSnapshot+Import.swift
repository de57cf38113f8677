extension ProgressSnapshot {
    /// An import: subscriptions decided, those to be added and those skipped (duplicates, invalid URLs).
    init(importing done: Int, of total: Int, added: Int, skipped: Int) {
        self.init(
            done: done, total: total, unit: "feeds",
            counters: [Counter(count: added, label: "new"), Counter(count: skipped, label: "skipped", alarming: true)])
    }
}
