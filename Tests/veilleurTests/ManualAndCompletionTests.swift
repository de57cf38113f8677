import Foundation
import Testing

/// The man page and the shell completions come from the command tree itself, and `make install` puts
/// them where man and the shells look, under PREFIX and DESTDIR; `make uninstall` takes them away.
@Suite struct ManualAndCompletionTests {
    static let visibleCommands = ["run", "crawl", "parse", "match", "digest", "check", "status", "sources", "explain", "backtest", "init", "demo"]

    @Test("a completion script is generated for bash, zsh and fish and offers every command", arguments: ["bash", "zsh", "fish"])
    func completionScript(shell: String) throws {
        let result = try CommandRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        for command in Self.visibleCommands {
            #expect(result.stdout.contains(command), "\(shell) completes \(command)")
        }
        #expect(!result.stdout.contains("generate-manual"), "the hidden command is not offered")
    }

    @Test("the man page is mdoc with every command, its options, the exit status and the environment")
    func manualStructure() throws {
        let result = try CommandRunner.run(["generate-manual"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = result.stdout
        #expect(page.hasPrefix(".Dd "))
        for macro in [".Dt VEILLEUR 1", ".Sh NAME", ".Nm veilleur", ".Sh SYNOPSIS", ".Sh DESCRIPTION", ".Sh COMMANDS", ".Sh EXIT STATUS", ".Sh ENVIRONMENT", ".Sh FILES", ".Sh SEE ALSO"] {
            #expect(page.contains("\n\(macro)"), "\(macro)")
        }
        for command in Self.visibleCommands {
            #expect(page.contains("\n.It Nm Cm \(command)"), "\(command)")
        }
        #expect(page.contains("\n.It Nm Cm sources list"))
        #expect(page.contains("Fl \\-json"), "options are listed")
        #expect(page.contains(".It Ev NO_COLOR"))
        #expect(!page.contains("generate-manual"))
        // roff reads a line starting with a dot or a quote as a request: none may come from text.
        for line in page.split(separator: "\n") where line.hasPrefix(".") || line.hasPrefix("'") {
            #expect(line.first == "." && line.dropFirst().prefix(2).allSatisfy(\.isLetter), "\(line)")
        }
    }

    static let groff = URL(fileURLWithPath: "/usr/bin/groff")

    @Test("the man page renders without a warning where groff is installed",
          .enabled(if: FileManager.default.isExecutableFile(atPath: groff.path), "groff is not installed"))
    func manualRenders() throws {
        let groff = Self.groff
        let folder = try TemporaryFolder()
        let page = try folder.file("veilleur.1", Array(try CommandRunner.run(["generate-manual"]).stdout.utf8))
        let process = Process()
        process.executableURL = groff
        process.arguments = ["-mandoc", "-Tutf8", "-ww", page.path]
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let warnings = Drain(err.fileHandleForReading)
        let rendered = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: warnings.wait(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(problems.isEmpty, "\(problems)")
        let plain = rendered.replacing(/.\x{08}/, with: "")
        #expect(plain.contains("EXIT STATUS"))
        #expect(plain.contains("veilleur crawl"), "\(plain.prefix(2000))")
    }

    @Test("make install-files puts the binary, the man page and the completions under DESTDIR/PREFIX; make uninstall removes them")
    func makeInstallAndUninstall() throws {
        let folder = try TemporaryFolder()
        let destination = folder.url.path
        func make(_ target: String) throws -> CommandRunner.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["make", "--no-print-directory", target, "PREFIX=/opt/v", "DESTDIR=\(destination)", "VEILLEUR=\(CommandRunner.binary.path)"]
            process.currentDirectoryURL = CommandRunner.repositoryRoot
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let errors = Drain(err.fileHandleForReading)
            let printed = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CommandRunner.Result(
                status: process.terminationStatus, stdout: String(decoding: printed, as: UTF8.self),
                stderr: String(decoding: errors.wait(), as: UTF8.self))
        }
        let installed = [
            "opt/v/bin/veilleur",
            "opt/v/share/man/man1/veilleur.1",
            "opt/v/share/bash-completion/completions/veilleur",
            "opt/v/share/zsh/site-functions/_veilleur",
            "opt/v/share/fish/vendor_completions.d/veilleur.fish",
        ]
        let install = try make("install-files")
        #expect(install.status == 0, "\(install.stderr)")
        for path in installed {
            let file = folder.url.appendingPathComponent(path)
            #expect(((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0) > 0, "\(path)")
        }
        let manual = try String(contentsOf: folder.url.appendingPathComponent(installed[1]), encoding: .utf8)
        #expect(manual.contains(".Sh EXIT STATUS"))

        let uninstall = try make("uninstall")
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for path in installed {
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(path).path), "\(path)")
        }
    }
}
