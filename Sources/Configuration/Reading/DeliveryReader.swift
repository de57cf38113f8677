import Mail
import Yams

/// Reads a profile's `deliver:` mapping: for now `email`, the addresses its digests are sent to.
enum DeliveryReader {
    /// Most recipients one profile may list: a digest is one message per recipient.
    static let maximumRecipients = 100

    /// The recipients, each checked as a ``MailAddress`` and listed once.
    static func read(_ node: Node, canEmail: Bool, with reader: inout YAMLReader) -> [String] {
        guard let fields = reader.fields(of: node, allowed: ["email"], what: "a mapping of deliveries") else { return [] }
        guard let emailNode = fields["email"] else { return [] }
        let entries = reader.stringList(emailNode, what: "e-mail address")
        if !canEmail, !entries.isEmpty {
            reader.report("deliver.email needs an smtp: section in veilleur.yaml (host, from, tls…)", at: emailNode)
        }
        if entries.count > maximumRecipients {
            reader.report("deliver.email lists \(entries.count) addresses; at most \(maximumRecipients) (use a mailing list for more)", at: emailNode)
            return []
        }
        var recipients: [String] = []
        var seen: Set<String> = []
        for (text, entryNode) in entries {
            let address: MailAddress
            do throws(MailError) {
                address = try MailAddress(parsing: text)
            } catch {
                reader.report("\(error.message)", at: entryNode)
                continue
            }
            guard seen.insert(address.address.lowercased()).inserted else {
                reader.report("\(address.address) is listed twice", at: entryNode)
                continue
            }
            recipients.append(text)
        }
        return recipients
    }
}
