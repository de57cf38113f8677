import Daemon
import Foundation
import Testing

@Suite struct SystemdNotifierTests {
    @Test func withoutNotifySocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(notifier.notify("READY=1") == false)
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func aDatagramReachesAPathSocket() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString).sock").path
        let socket = try NotifySocket(path: path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(notifier.notify("READY=1\nSTATUS=ok"))
        #expect(socket.receive() == "READY=1\nSTATUS=ok")
    }

    @Test func aDatagramReachesAnAbstractSocket() throws {
        let name = "@veilleur-test-\(UUID().uuidString)"
        let socket = try NotifySocket(path: name)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": name]).notify("STOPPING=1"))
        #expect(socket.receive() == "STOPPING=1")
    }

    @Test func theWatchdogIntervalIsReadOnlyForThisProcess() {
        let mine = SystemdNotifier(environment: ["WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "\(getpid())"])
        #expect(mine.watchdogInterval == .seconds(4))
        let other = SystemdNotifier(environment: ["WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "1"])
        #expect(other.watchdogInterval == nil)
    }
}
