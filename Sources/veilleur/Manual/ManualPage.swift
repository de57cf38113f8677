import Foundation

/// The `veilleur(1)` man page in mdoc, written from the command tree as swift-argument-parser describes
/// it, so that it lists the same commands and options as `--help` and the completion scripts; the exit
/// status comes from ``ExitStatus``, the table every command uses.
struct ManualPage {
    var root: CommandInfo
    /// The date the page carries (`.Dd`).
    var date: Date

    /// The page, one mdoc request or text line a line.
    var rendered: String {
        var page = Roff()
        page.request("Dd", Self.dateFormat.string(from: date).split(separator: " ").map(String.init))
        page.request("Dt", root.commandName.uppercased(), "1")
        page.request("Os")
        page.section("NAME")
        page.request("Nm", root.commandName)
        page.request("Nd", (root.abstract ?? "").trimmingCharacters(in: CharacterSet(charactersIn: ".")))
        synopsis(into: &page)
        description(into: &page)
        commands(into: &page)
        jsonOutputs(into: &page)
        exitStatus(into: &page)
        environment(into: &page)
        files(into: &page)
        page.section("SEE ALSO")
        page.request("Xr", "systemctl", "1", ",")
        page.request("Xr", "journalctl", "1")
        return page.text
    }

    private static let dateFormat: DateFormatter = {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "MMMM d, yyyy"
        return format
    }()

    private func synopsis(into page: inout Roff) {
        page.section("SYNOPSIS")
        page.request("Nm")
        page.request("Ar", "command")
        page.request("Op", "Ar", "options")
        page.request("Nm")
        page.request("Fl", "\\-help")
        page.request("Nm")
        page.request("Fl", "\\-version")
    }

    private func description(into page: inout Roff) {
        page.section("DESCRIPTION")
        page.text(root.abstract ?? "")
        page.request("Pp")
        page.text("""
            Start with veilleur init, which writes a starter configuration, then veilleur check and \
            veilleur crawl --once --all. Logs go to standard error, one logfmt line per event. When standard \
            error is a terminal, crawl and digest draw a progress line there (done/total, new items, \
            failures, rate, time left), redrawn in place and cleared at the end; --quiet hides it, and \
            nothing of it is written to a pipe or a file. Every error ends with one line on standard error, \
            veilleur: what went wrong — what to do next.
            """)
    }

    private func commands(into page: inout Roff) {
        page.section("COMMANDS")
        page.request("Bl", "-tag", "-width", "Ds")
        for (path, command) in Self.leaves(of: root, path: []) {
            let arguments = (command.arguments ?? []).filter(\.isShown)
            var head = ["Nm", "Cm"] + path
            for argument in arguments where !argument.isOptional || argument.kind == .positional {
                head += argument.isOptional ? ["Op"] + Self.usage(of: argument) : Self.usage(of: argument)
            }
            if arguments.contains(where: { $0.isOptional && $0.kind != .positional }) { head += ["Op", "Ar", "options"] }
            page.request("It", head)
            page.text(command.abstract ?? "")
            for paragraph in Self.paragraphs(command.discussion) {
                page.request("Pp")
                page.text(paragraph)
            }
            guard !arguments.isEmpty else { continue }
            page.request("Bl", "-tag", "-width", "Ds")
            for argument in arguments {
                page.request("It", Self.usage(of: argument))
                var text = argument.abstract ?? ""
                if let values = argument.allValues, !values.isEmpty, !values.allSatisfy(text.contains) {
                    text += " One of: \(values.joined(separator: ", "))."
                }
                if let value = argument.defaultValue, argument.kind != .flag { text += " Default: \(value)." }
                if argument.isRepeating, argument.kind == .option { text += " May be repeated." }
                page.text(text)
            }
            page.request("El")
        }
        page.request("El")
    }

    private func jsonOutputs(into page: inout Roff) {
        page.section("JSON OUTPUT")
        page.text("""
            With --json, crawl, status, sources list, explain and backtest print one JSON object on one line. Its \
            schema key names its shape and version; a new version string marks any incompatible change. \
            Every string from a feed is escaped, control and bidi characters included.
            """)
        page.request("Bl", "-tag", "-width", "Ds")
        for (schema, what) in [
            (CrawlJSON.schema, "crawl --once --json: sources in the pass, fetched, unchanged, failed, new items and matches, start and end."),
            (StatusReport.schema, "status --json: sources configured, ok, failing and never fetched; last crawl; today's counts; next digest."),
            (SourcesJSON.schema, "sources list --json: each source's status, dates, failures and last error; URLs with credentials masked."),
            (ExplainJSON.schema, "explain --json: each term's contribution to an item's score for a profile, and the verdict."),
            (BacktestJSON.schema, "backtest --json: the items a profile as it is now adds, removes and re-ranks among stored items."),
            ("veilleur.digest/1", "the .json file of each digest."),
        ] {
            page.request("It", "Li", schema)
            page.text(what)
        }
        page.request("El")
    }

    private func exitStatus(into page: inout Roff) {
        page.section("EXIT STATUS")
        page.request("Bl", "-tag", "-width", "Ds")
        for status in ExitStatus.allCases {
            page.request("It", "\(status.rawValue)")
            page.text(status.meaning)
        }
        page.request("El")
    }

    private func environment(into page: inout Roff) {
        page.section("ENVIRONMENT")
        page.request("Bl", "-tag", "-width", "Ds")
        page.request("It", "Ev", "NO_COLOR")
        page.text("When set and not empty, the progress line is drawn without colours (https://no-color.org).")
        page.request("It", "Ev", "TERM")
        page.text("When dumb, no progress line is drawn.")
        page.request("It", "Ev", "VEILLEUR_DATABASE_URL")
        page.text(
            "The database when --database is not given: sqlite:PATH or postgresql://USER@HOST/DB; it wins over database: of veilleur.yaml. Unset or empty: not given.")
        page.request("El")
    }

    private func files(into page: inout Roff) {
        page.section("FILES")
        page.request("Bl", "-tag", "-width", "Ds")
        for (path, what) in [
            ("config/sources.yaml", "The sources: name, url, tags, interval, headers."),
            ("config/profiles/*.yaml", "One watch profile a file; the file name is the profile id."),
            ("config/veilleur.yaml", "Optional settings: user agent, digest time and time zone, fetch limits, database."),
            ("state/veilleur.sqlite", "The database unless --database, VEILLEUR_DATABASE_URL or database: names another: sources and their health, items, matches, digests written."),
            ("state/digests/", "The digests, one folder a day, with index.html, latest/ and an Atom feed per profile."),
            ("state/veilleur.lock", "Held by the daemon, crawl and digest: one writer per state folder."),
        ] {
            page.request("It", "Pa", path)
            page.text(what)
        }
        page.request("El")
    }

    /// Every command that runs, with its path of names under the root: `sources list`, not `sources`.
    static func leaves(of command: CommandInfo, path: [String]) -> [([String], CommandInfo)] {
        let shown = (command.subcommands ?? []).filter(\.isShown)
        guard !shown.isEmpty else { return path.isEmpty ? [] : [(path, command)] }
        return shown.flatMap { leaves(of: $0, path: path + [$0.commandName]) }
    }

    /// How an argument is written: `Fl q , Fl \-quiet`, `Fl \-config Ar dir`, `Ar item`.
    static func usage(of argument: ArgumentInfo) -> [String] {
        let value = argument.valueName ?? "value"
        switch argument.kind {
        case .positional:
            return ["Ar", value] + (argument.isRepeating ? ["..."] : [])
        case .option, .flag:
            var words: [String] = []
            for (index, name) in (argument.names ?? []).enumerated() {
                if index > 0 { words.append(",") }
                words += ["Fl", name.kind == "long" ? "\\-" + name.name : name.name]
            }
            return argument.kind == .option ? words + ["Ar", value] : words
        }
    }

    /// A discussion's paragraphs, each on one line.
    static func paragraphs(_ text: String?) -> [String] {
        (text ?? "").components(separatedBy: "\n\n").map {
            $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }.filter { !$0.isEmpty }
    }
}

/// roff source built a line at a time, with running text escaped so that it is never read as a request.
///
/// Characters beyond ASCII are written as `\[uXXXX]`, which every roff reads whatever its input encoding.
struct Roff {
    private(set) var text = ""

    /// A section heading: `.Sh EXIT STATUS`.
    mutating func section(_ title: String) {
        request("Sh", title.split(separator: " ").map(String.init))
    }

    /// A request (macro) line: `.It Fl \-json`. Arguments are written as given (they come from this
    /// program, and carry the `\-` of option dashes), quoted when they hold spaces.
    mutating func request(_ name: String, _ arguments: String...) {
        request(name, arguments)
    }

    mutating func request(_ name: String, _ arguments: [String]) {
        let words = arguments.map { $0.contains(" ") ? "\"\($0.replacingOccurrences(of: "\"", with: "\\(dq"))\"" : $0 }
        text += "." + ([name] + words.map(Self.ascii)).joined(separator: " ") + "\n"
    }

    /// A line of running text: backslashes written as `\e`, and a leading dot or quote guarded by `\&`.
    mutating func text(_ line: String) {
        guard !line.isEmpty else { return }
        let escaped = Self.ascii(line.replacingOccurrences(of: "\\", with: "\\e"))
        text += (escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" : "") + escaped + "\n"
    }

    private static func ascii(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return out
    }
}
