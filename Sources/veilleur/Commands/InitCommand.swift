import ArgumentParser
import Model

/// `veilleur init [DIR]`: a starter configuration to edit, which `check` accepts as it is.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter configuration: veilleur.yaml, sources.yaml, one profile per stakeholder kind and the schemas.",
        discussion: """
            Writes DIR/veilleur.yaml (every setting, commented), DIR/sources.yaml (a few public feeds) and \
            DIR/profiles/KIND.yaml for each kind, each profile beginning with the line that lets YAML \
            editors check it against ../schema/profile.schema.json, written too (DIR/schema/, with the \
            vocabularies' schema). A file that already exists is never \
            overwritten: it is reported as kept. Then run veilleur check and veilleur crawl --once --all.
            """
    )

    @Argument(help: ArgumentHelp("The configuration folder to write (created if needed).", valueName: "dir"))
    var directory: String = "config"
    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A kind of profile to write (all four by default).", valueName: "kind"))
    var kind: [StakeholderKind] = []
    @Option(name: .long, help: ArgumentHelp("The language of the profiles, their digests and the comments.", valueName: "language"))
    var language: StarterConfiguration.Language = .fr

    func run() throws {
        let folder = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let files = StarterConfiguration.files(language: language, kinds: kind.isEmpty ? StakeholderKind.allCases : kind)
        do {
            try NewFile.makeFolder(folder + "/profiles")
            try NewFile.makeFolder(folder + "/schema")
        } catch {
            throw CommandFailure(.failure, "cannot create \(error.path): \(error.reason)", next: "choose a folder you can write to")
        }
        for file in files {
            let path = folder + "/" + file.path
            let outcome: NewFile.Outcome
            do {
                outcome = try NewFile.create(path, with: file.text)
            } catch {
                throw CommandFailure(.failure, "\(error)", next: "check the folder's permissions and free space, then run init again")
            }
            print(outcome == .created ? "created \(TerminalText.escaped(path))" : "kept    \(TerminalText.escaped(path)) (already there)")
        }
        print("""
            next: veilleur check --config \(TerminalText.escaped(folder))
                  veilleur crawl --once --all --config \(TerminalText.escaped(folder)) --state state
            """)
    }
}
