import Daemon
import Foundation
import Testing

/// Every command ends with a status from one table, and says what went wrong in one line on standard
/// error, with what to do next.
@Suite struct ExitStatusTests {
    /// A configuration folder with one mistake and a state folder with nothing in it, for one test.
    struct Folders: ~Copyable {
        let root: TemporaryFolder
        var invalidConfiguration: String { root.url.appendingPathComponent("invalid").path }
        var emptyState: String { root.url.appendingPathComponent("state").path }

        init() throws {
            let folder = try TemporaryFolder()
            let config = folder.url.appendingPathComponent("invalid")
            try FileManager.default.createDirectory(at: config.appendingPathComponent("profiles"), withIntermediateDirectories: true)
            try "sources:\n  - name: a\n    url: ftp://example.org/feed\n".write(
                to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
            root = folder
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: @Sendable (_ invalidConfiguration: String, _ emptyState: String) -> [String]
        var status: Int32
        /// Text the error line must hold.
        var says: String
        var testDescription: String { "veilleur \(arguments("INVALID", "EMPTY").joined(separator: " ")) → \(status)" }
    }

    static let cases: [Case] = [
        Case(arguments: { _, _ in ["frobnicate"] }, status: 64, says: "veilleur --help"),
        Case(arguments: { _, _ in ["crawl"] }, status: 64, says: "veilleur crawl --help"),
        Case(arguments: { _, _ in ["crawl", "--once", "--bogus"] }, status: 64, says: "veilleur crawl --help"),
        Case(arguments: { _, _ in ["digest", "--date", "2026-02-30"] }, status: 64, says: "--date must be a day such as 2026-11-26"),
        Case(arguments: { _, state in ["explain", "--config", "config", "--state", state, "--profile", "nope", "1"] }, status: 64,
             says: "profiles: filiere-hydrogene, metropole, pme-numerique, pole-competitivite"),
        Case(arguments: { _, state in ["backtest", "--config", "config", "--state", state, "--profile", "nope"] }, status: 64,
             says: "profiles: filiere-hydrogene, metropole, pme-numerique, pole-competitivite"),
        Case(arguments: { _, state in ["backtest", "--config", "config", "--state", state, "--profile", "metropole", "--since", "1y"] },
             status: 64, says: "veilleur backtest --help"),
        Case(arguments: { invalid, _ in ["check", "--config", invalid] }, status: 2, says: "veilleur check --config"),
        Case(arguments: { invalid, state in ["crawl", "--once", "--config", invalid, "--state", state] }, status: 2,
             says: "veilleur check --config"),
        Case(arguments: { invalid, _ in ["sources", "list", "--config", invalid] }, status: 2, says: "veilleur check --config"),
        Case(arguments: { _, state in ["status", "--config", "config", "--state", state] }, status: 1, says: "veilleur crawl --once"),
        Case(arguments: { _, state in ["explain", "--config", "config", "--state", state, "--profile", "metropole", "1"] }, status: 1,
             says: "veilleur crawl --once"),
        Case(arguments: { _, state in ["backtest", "--config", "config", "--state", state, "--profile", "metropole"] }, status: 1,
             says: "veilleur crawl --once"),
        Case(arguments: { _, _ in ["init", "/dev/null"] }, status: 1, says: "/dev/null"),
    ]

    @Test("a failing command exits with its documented status and one error line saying what to do next", arguments: cases)
    func failureIsOneLineWithItsStatus(_ example: Case) throws {
        let folders = try Folders()
        let result = try CommandRunner.run(example.arguments(folders.invalidConfiguration, folders.emptyState))
        #expect(result.status == example.status, "\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("ts=") && !$0.hasPrefix(folders.invalidConfiguration + "/") }
        #expect(errors.count == 1, "\(result.stderr)")
        let line = try #require(errors.first)
        #expect(line.hasPrefix("veilleur: "), "\(line)")
        #expect(line.contains(example.says), "\(line)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
    }

    @Test("configuration errors are each one file:line:col line, then one line naming the command that checks them")
    func configurationErrorsAreOneLineEach() throws {
        let folders = try Folders()
        let result = try CommandRunner.run(["check", "--config", folders.invalidConfiguration])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(folders.invalidConfiguration + "/sources.yaml:3:") == true, "\(result.stderr)")
        #expect(lines.last?.hasPrefix("veilleur: 1 error in \(folders.invalidConfiguration)") == true, "\(result.stderr)")
    }

    @Test("a crawl beside a running daemon says so in one line and exits 75")
    func busyStateFolder() async throws {
        let folder = try TemporaryFolder()
        let state = StateLayout(root: folder.url)
        try state.prepare()
        let daemon = try await StateLock.acquire(state, role: .daemon)
        let result = try CommandRunner.run(["crawl", "--once", "--config", "config", "--state", folder.url.path])
        withExtendedLifetime(daemon) {}
        #expect(result.status == 75)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("veilleur: the daemon"))
    }

    @Test("--help, --version and a completion script exit 0 on standard output")
    func helpIsNotAnError() throws {
        for arguments in [["--help"], ["crawl", "--help"], ["--version"], ["--generate-completion-script", "bash"]] {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(!result.stdout.isEmpty && result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        }
    }

    /// The codes listed in the README's "Exit codes" table.
    static func readmeExitCodes() throws -> [Int32] {
        let readme = try String(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Exit codes\n").dropFirst().first)
        let body = section.components(separatedBy: "\n## ").first ?? section
        return body.matches(of: /\n\| `?(\d+)`? \|/).compactMap { Int32($0.1) }
    }

    @Test("the README, --help and the man page list the same exit codes, and the commands use no other")
    func exitCodesAreDocumentedAlike() throws {
        let readme = try Self.readmeExitCodes()
        #expect(readme == [0, 1, 2, 64, 75])
        let manual = try CommandRunner.run(["generate-manual"])
        #expect(manual.status == 0, "\(manual.stderr)")
        let section = try #require(manual.stdout.components(separatedBy: ".Sh EXIT STATUS\n").dropFirst().first?.components(separatedBy: ".Sh ").first)
        #expect(section.matches(of: /\n\.It (\d+)\n/).compactMap { Int32($0.1) } == readme)
        let help = try CommandRunner.run(["--help"])
        for code in readme {
            #expect(help.stdout.contains(try Regex("\\n +\(code) +\\S")), "\(code) in --help")
        }
        #expect(Set(Self.cases.map(\.status)).isSubset(of: Set(readme)))
    }
}
