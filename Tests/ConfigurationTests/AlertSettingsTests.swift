import Configuration
import Foundation
import Model
import Testing

/// `alert_score` in a profile and `alerts` in `veilleur.yaml`.
@Suite("Alert settings")
struct AlertSettingsTests {
    private let topics = "topics:\n  - name: A\n    keywords: [a]\n"

    private let plain = "kind: cluster\ntopics:\n  - name: A\n    keywords: [a]\n"

    private func files(profile: String?, settings: String) -> [String: String] {
        var files = ["sources.yaml": twoSources, "profiles/p.yaml": profile ?? plain]
        if !settings.isEmpty { files["veilleur.yaml"] = settings }
        return files
    }

    /// The configuration, or each mistake as `file:line:col: message` with the file relative to the folder.
    private func load(profile: String? = nil, settings: String = "") throws -> Result<Configuration, ConfigurationError> {
        let folder = try ConfigFolder(files: files(profile: profile, settings: settings))
        do {
            return .success(try Configuration.load(directory: folder.url))
        } catch {
            return .failure(error)
        }
    }

    private func issues(profile: String? = nil, settings: String = "") throws -> [String] {
        let folder = try ConfigFolder(files: files(profile: profile, settings: settings))
        do {
            _ = try Configuration.load(directory: folder.url)
            return []
        } catch {
            return error.issues.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
        }
    }

    @Test("A profile's alert_score is read; without one the profile raises no alert")
    func alertScoreRead() throws {
        let set = try load(profile: "kind: cluster\nthreshold: 30\nalert_score: 75\n" + topics).get()
        #expect(set.profiles.first?.alertScore == 75)
        #expect(try load().get().profiles.first?.alertScore == nil)
    }

    @Test("An alert_score out of 0-100 or below the threshold is refused at its value")
    func alertScoreChecked() throws {
        #expect(try issues(profile: "kind: cluster\nalert_score: 101\n" + topics) == [
            "profiles/p.yaml:2:14: alert_score must be between 0 and 100, found 101",
        ])
        #expect(try issues(profile: "kind: cluster\nthreshold: 40\nalert_score: 20\n" + topics) == [
            "profiles/p.yaml:3:14: alert_score 20 is below threshold 40; give an alert_score at least the threshold",
        ])
    }

    @Test("The alert command is read as an argument vector with its timeout, 30 seconds unless set")
    func commandRead() throws {
        let settings = try load(settings: "alerts:\n  command: [/usr/local/bin/notify, --flag, \"a b\"]\n  timeout: 5s\n").get().settings
        #expect(settings.alertCommand == AlertCommandSettings(arguments: ["/usr/local/bin/notify", "--flag", "a b"], timeout: 5))
        #expect(try load(settings: "alerts:\n  command: [/bin/true]\n").get().settings.alertCommand?.timeout == 30)
        #expect(try load().get().settings.alertCommand == nil)
    }

    @Test("A relative program, an empty command, a bad timeout and an unknown key are located")
    func commandChecked() throws {
        #expect(try issues(settings: "alerts:\n  command: [notify]\n") == [
            "veilleur.yaml:2:13: the command's program must be an absolute path, found 'notify'",
        ])
        #expect(try issues(settings: "alerts:\n  command: []\n") == [
            "veilleur.yaml:2:12: command must list the program and its arguments, as [/usr/local/bin/notify, --flag]",
        ])
        #expect(try issues(settings: "alerts:\n  command: [/bin/true]\n  timeout: 2d\n  shell: yes\n") == [
            "veilleur.yaml:4:3: unknown key 'shell'; expected one of: command, timeout",
            "veilleur.yaml:3:12: timeout must be between 1s and 1d, found '2d'",
        ])
    }
}
