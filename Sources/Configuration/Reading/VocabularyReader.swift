import Model
import Yams

/// Reads one `vocabularies/<name>.yaml` file: `terms:` (words, `cyber*` prefixes, or `{term, weight, stem,
/// fields}`) and an optional `description:`.
enum VocabularyReader {
    private static let keys = ["description", "terms"]

    static func read(_ root: Node, name: String, with reader: inout YAMLReader) -> Vocabulary? {
        guard let fields = reader.fields(of: root, allowed: keys, what: "a vocabulary mapping with 'terms'") else { return nil }
        let description = fields["description"].flatMap { reader.string($0) }
        guard let termsNode = reader.require("terms", in: fields) else { return nil }
        // A vocabulary's terms count toward the budget where it is used, not where it is declared.
        var terms = TermReader(vocabularies: [:], language: "", stemmable: true, budget: TermBudget())
        let list = terms.terms(termsNode, list: .vocabulary, with: &reader)
        if case .sequence(let sequence) = termsNode, sequence.isEmpty {
            reader.report("the vocabulary '\(name)' has no terms", at: termsNode)
        }
        return Vocabulary(name: name, description: description, terms: list)
    }
}
