import Foundation

/// The command run for each immediate alert (`alerts.command` of `veilleur.yaml`), with the alert as JSON
/// on its standard input.
public struct AlertCommandSettings: Sendable, Equatable {
    /// The argument vector, run as is (never through a shell); the first is an absolute path.
    public var arguments: [String]
    /// How long one run may last before it is killed (`alerts.timeout`, 30 s unless set).
    public var timeout: TimeInterval

    /// Thirty seconds: enough for a notifier that posts to a web service, short enough that a stuck one
    /// holds the alerts behind it for little time.
    public static let defaultTimeout: TimeInterval = 30

    public init(arguments: [String], timeout: TimeInterval = AlertCommandSettings.defaultTimeout) {
        self.arguments = arguments
        self.timeout = timeout
    }
}
