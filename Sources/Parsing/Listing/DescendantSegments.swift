import Foundation

/// An XPath location path cut at its top-level `//`, so that each descendant step can be taken from the
/// outermost of its context nodes only.
///
/// libxml2 2.9 evaluates `A//B` from every node `A` selects and merges the results with a duplicate check
/// that is quadratic and not counted by its operation limit: 200 nested `div`s around 40,000 items took two
/// minutes. The descendants of a nested context are already descendants of its ancestor, so evaluating
/// `.//B` from the outermost contexts alone gives the same nodes, each once, in document order.
struct DescendantSegments: Equatable {
    /// The path before the first top-level `//`; empty when the expression starts with `//`.
    var head: String
    /// The steps after each top-level `//`, in order; never empty.
    var tails: [String]

    /// The segments of `expression`, or nil when it has no top-level `//` after its start or holds a
    /// construct whose results could leave a context's subtree (a union, a parent or explicit axis step,
    /// a filter in parentheses), where libxml2 evaluates it as written.
    static func split(_ expression: String) -> DescendantSegments? {
        var segments: [String] = []
        var current = ""
        var brackets = 0
        var quote: Character?
        var previous: Character?
        var characters = expression.trimmingCharacters(in: .whitespaces)[...]
        while let character = characters.popFirst() {
            defer { previous = character }
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
            } else if character == "[" {
                brackets += 1
            } else if character == "]" {
                brackets -= 1
            } else if brackets == 0 {
                if character == "(" || character == ")" || character == "|" { return nil }
                if (character == "." || character == ":"), previous == character { return nil }
                if character == "/", characters.first == "/" {
                    characters.removeFirst()
                    segments.append(current)
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        segments.append(current)
        guard quote == nil, brackets == 0, segments.count >= 2,
              segments.dropFirst().allSatisfy({ !$0.isEmpty && !$0.hasPrefix("/") }) else { return nil }
        let head = segments[0]
        // `//a` alone needs no help: it is one step from one context.
        if head.isEmpty, segments.count == 2 { return nil }
        return DescendantSegments(head: head, tails: Array(segments.dropFirst()))
    }
}
