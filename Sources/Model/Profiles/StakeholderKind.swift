/// The kind of organisation a watch profile serves; it shapes how its digest is presented.
public enum StakeholderKind: String, Sendable, CaseIterable, Equatable, Hashable, Codable {
    /// A competitiveness cluster (pôle de compétitivité).
    case cluster
    /// An industry sector (filière); written `filière` or `filiere` in profiles.
    case filiere
    /// A local authority or territory.
    case territoire
    /// A company.
    case entreprise

    /// The spelling shown to users and in messages.
    public var displayName: String {
        self == .filiere ? "filière" : rawValue
    }

    /// Reads the spelling used in profile files, ignoring case and the accent of `filière`.
    public init?(spelling: String) {
        let lowered = spelling.lowercased()
        if lowered == "filière" {
            self = .filiere
        } else {
            self.init(rawValue: lowered)
        }
    }
}
