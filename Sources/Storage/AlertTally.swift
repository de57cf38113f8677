/// Where the immediate alerts stand, for `veilleur status`: how many were raised lately and how many still wait.
public struct AlertTally: Sendable, Equatable {
    /// Alerts raised at or after the date asked for.
    public var raised: Int
    /// Alerts whose file is not written yet.
    public var awaitingFile: Int
    /// Alerts whose file is written and whose command has not succeeded yet, retries included.
    public var awaitingCommand: Int
    /// Of those, the ones whose command already failed at least once.
    public var retrying: Int
    /// Alerts raised at or after the date asked for whose command failed for the last time.
    public var abandoned: Int

    public init(raised: Int = 0, awaitingFile: Int = 0, awaitingCommand: Int = 0, retrying: Int = 0, abandoned: Int = 0) {
        self.raised = raised
        self.awaitingFile = awaitingFile
        self.awaitingCommand = awaitingCommand
        self.retrying = retrying
        self.abandoned = abandoned
    }
}

extension AlertTally {
    /// The one query both backends count with; `placeholder` is the backend's spelling of the date parameter.
    /// Waiting alerts are few and served by the `alerts_due` index; the raised ones by `alerts_created`.
    static func query(placeholder since: String) -> String {
        """
        SELECT
            (SELECT count(*) FROM alerts WHERE created_at >= \(since)),
            (SELECT count(*) FROM alerts WHERE state = 'pending'),
            (SELECT count(*) FROM alerts WHERE state = 'written'),
            (SELECT count(*) FROM alerts WHERE state = 'written' AND attempts > 0),
            (SELECT count(*) FROM alerts WHERE state = 'abandoned' AND created_at >= \(since))
        """
    }
}
