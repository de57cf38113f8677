import Foundation

/// Who a daemon is to the others sharing its database.
///
/// Two names, for two lifetimes: `member` is the daemon as an operator sees it (a host and a state folder),
/// the same across restarts, so that a restarted daemon replaces its own declaration of sources; `owner`
/// is this process (host, pid and a random part), so that a restarted daemon never mistakes the leases of
/// the process it replaces for its own.
public struct ClusterIdentity: Sendable, Equatable {
    /// The daemon's stable name: `HOST:STATE_FOLDER`.
    public let member: String
    /// This process: `HOST:PID:RANDOM`.
    public let owner: String

    public init(member: String, owner: String) {
        self.member = member
        self.owner = owner
    }

    /// The identity of this process for the state folder `state`.
    public static func current(state: StateLayout) -> ClusterIdentity {
        let host = ProcessInfo.processInfo.hostName
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return ClusterIdentity(
            member: "\(host):\(state.root.standardizedFileURL.path)",
            owner: "\(host):\(ProcessInfo.processInfo.processIdentifier):\(random)")
    }
}
