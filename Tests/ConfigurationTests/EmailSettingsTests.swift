import Configuration
import Foundation
import Mail
import Model
import Testing

/// `smtp:` in `veilleur.yaml` and `deliver: {email: […]}` in profiles.
@Suite struct EmailSettingsTests {
    private static let profile = """
        kind: filière
        topics:
          - name: H2
            keywords: [hydrogène]

        """

    private func makeFolder(settings: String, profile: String = profile) throws -> ConfigFolder {
        try ConfigFolder(files: ["sources.yaml": twoSources, "veilleur.yaml": settings, "profiles/h2.yaml": profile])
    }

    private func load(_ folder: borrowing ConfigFolder) -> Result<Configuration, ConfigurationError> {
        Result { () throws(ConfigurationError) in try Configuration.load(directory: folder.url) }
    }

    private func issues(_ result: Result<Configuration, ConfigurationError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.issues.map(\.description)
    }

    @Test("smtp is read with its defaults, and a profile's recipients are kept as written")
    func settingsAndRecipientsAreRead() throws {
        let folder = try makeFolder(
            settings: """
                smtp:
                  host: smtp.example.org
                  user: veille
                  password_file: secrets/smtp
                  from: "Cellule de veille <veille@example.org>"
                """,
            profile: Self.profile + "deliver:\n  email: [marie@example.fr, \"Paul Martin <paul@example.fr>\"]\n")
        let result = load(folder)
        let configuration = try result.get()
        let smtp = try #require(configuration.settings.smtp)
        #expect(smtp.host == "smtp.example.org")
        #expect(smtp.port == 587)
        #expect(smtp.security == .startTLS)
        #expect(smtp.password == .file(folder.url.appendingPathComponent("secrets/smtp").standardizedFileURL))
        #expect(smtp.from == (try MailAddress(address: "veille@example.org", displayName: "Cellule de veille")))
        #expect(configuration.profiles.first?.emailRecipients == ["marie@example.fr", "Paul Martin <paul@example.fr>"])
    }

    @Test("The password is read from its file's first line, or from the environment, when a message is sent")
    func passwordIsReadWhenSending() throws {
        let folder = try ConfigFolder(files: ["secret": "s3cr3t\n"])
        var smtp = SMTPSettings(
            host: "smtp.example.org", security: .implicitTLS, user: "veille", password: .file(folder.url.appendingPathComponent("secret")),
            from: try MailAddress(address: "veille@example.org"))
        #expect(try smtp.server().password == "s3cr3t")
        #expect(try smtp.server().url == "smtps://smtp.example.org:465")
        smtp.password = .environment("VEILLEUR_SMTP_PASSWORD")
        #expect(try smtp.server(environment: ["VEILLEUR_SMTP_PASSWORD": "env"]).password == "env")
        #expect(throws: MailError.self) { try smtp.server(environment: [:]) }
    }

    @Test("A password in the file, clear text to a remote host, a bad host, port or sender are located")
    func smtpMistakesAreLocated() throws {
        let folder = try makeFolder(settings: """
            smtp:
              host: "smtp.example.org\\r\\nRCPT TO:<x@y.z>"
              port: 70000
              tls: none
              password: hunter2
              from: "veille@example.org\\nBcc: x@y.z"
            """)
        let result = load(folder)
        let path = folder.path("veilleur.yaml")
        let found = issues(result)
        #expect(found.contains { $0.hasPrefix("\(path):5:13: a password is never written in veilleur.yaml") })
        #expect(found.contains { $0.hasPrefix("\(path):2:9: host ") })
        #expect(found.contains("\(path):3:9: port must be at most 65535, found 70000"))
        #expect(found.contains { $0.hasPrefix("\(path):6:9: from: ") })

        let remoteFolder = try makeFolder(settings: "smtp:\n  host: smtp.example.org\n  tls: none\n  from: v@example.org\n")
        let remote = load(remoteFolder)
        #expect(issues(remote).contains { $0.hasPrefix("\(remoteFolder.path("veilleur.yaml")):3:8: tls: none sends the password") })
        let localFolder = try makeFolder(settings: "smtp:\n  host: 127.0.0.1\n  port: 2525\n  tls: none\n  from: v@example.org\n")
        let local = load(localFolder)
        #expect(try local.get().settings.smtp?.port == 2525)
        let noPasswordFolder = try makeFolder(settings: "smtp:\n  host: smtp.example.org\n  user: veille\n  from: v@example.org\n")
        let noPassword = load(noPasswordFolder)
        #expect(issues(noPassword) == ["\(noPasswordFolder.path("veilleur.yaml")):3:9: user is set without password_file or password_env"])
        let badEnvFolder = try makeFolder(
            settings: "smtp:\n  host: smtp.example.org\n  user: veille\n  password_env: \"A B\"\n  from: v@example.org\n")
        let badEnv = load(badEnvFolder)
        #expect(issues(badEnv).first?.hasPrefix("\(badEnvFolder.path("veilleur.yaml")):4:17: password_env must name an environment variable") == true)
    }

    @Test("Recipients: a malformed or injected address, a duplicate, and e-mail without smtp are located")
    func recipientMistakesAreLocated() throws {
        let folder = try makeFolder(
            settings: "smtp:\n  host: smtp.example.org\n  from: v@example.org\n",
            profile: Self.profile + """
                deliver:
                  email:
                    - marie@example.fr
                    - "paul@example.fr\\r\\nBcc: victim@example.org"
                    - not-an-address
                    - MARIE@example.fr

                """)
        let result = load(folder)
        let path = folder.path("profiles/h2.yaml")
        let found = issues(result)
        #expect(found.count == 3)
        #expect(found.contains { $0.hasPrefix("\(path):8:7: the address holds the character U+000D") })
        #expect(found.contains { $0.hasPrefix("\(path):9:7: 'not-an-address' is not an address") })
        #expect(found.contains("\(path):10:7: MARIE@example.fr is listed twice"))

        let withoutFolder = try makeFolder(settings: "default_interval: 1h\n", profile: Self.profile + "deliver:\n  email: [marie@example.fr]\n")
        let withoutSMTP = load(withoutFolder)
        #expect(issues(withoutSMTP) == [
            "\(withoutFolder.path("profiles/h2.yaml")):6:10: deliver.email needs an smtp: section in veilleur.yaml (host, from, tls…)",
        ])
    }
}
