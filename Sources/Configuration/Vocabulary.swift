import Model

/// A shared list of terms read from `vocabularies/<name>.yaml` (a territory's communes, a company's
/// competitors), which any profile uses by name: `$name` in a term list, or `{vocabulary: name}`.
public struct Vocabulary: Sendable, Equatable {
    /// The file name without extension.
    public var name: String
    /// What the list holds, for people reading the file.
    public var description: String?
    /// The terms, in file order.
    public var terms: [Term]

    /// Creates a vocabulary.
    public init(name: String, description: String? = nil, terms: [Term]) {
        self.name = name
        self.description = description
        self.terms = terms
    }
}
