/// What one round of ``DigestMailer/deliverDue()`` did.
public struct DeliveryReport: Sendable, Equatable {
    /// Messages the server accepted.
    public var sent = 0
    /// Messages that failed and are queued again.
    public var retried = 0
    /// Messages given up: retries spent, or interrupted mid-send by a crash.
    public var failed = 0

    public init(sent: Int = 0, retried: Int = 0, failed: Int = 0) {
        self.sent = sent
        self.retried = retried
        self.failed = failed
    }
}
