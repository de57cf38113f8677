import Foundation

/// Where an immediate alert stands, as the store keeps it.
public enum AlertState: String, Sendable, CaseIterable {
    /// Committed with the match that raised it; its file may not be written yet.
    case pending
    /// Its file is written; its command has yet to succeed.
    case written
    /// Nothing more is owed: its file is written and its command, if any, succeeded.
    case delivered
    /// Its file is written, and its command failed as many times as it is tried.
    case abandoned
}

/// How one run of an alert's command ended, as the store records it.
public enum AlertAttempt: Sendable, Equatable {
    /// It succeeded: the alert is delivered.
    case delivered
    /// It failed and runs again at this instant.
    case retry(at: Date)
    /// It failed for the last time: the alert is abandoned.
    case abandoned
}
