import TextNormalization

/// Finds in a text the words a match found (``Model/MatchedSurface``), read with the matcher's tokenizer.
///
/// A surface is marked where a run of the text's tokens spans exactly its characters: the tokenizer's
/// ranges start and end on word boundaries, so a surface is never marked inside a longer word ("export"
/// in "exportations"), and the elision before a word stays unmarked ("l'" of "l'industrie"). A word the
/// matcher did not report (a look-alike it did not match, a word of a term that missed) is never marked.
struct TermHighlighter: Sendable {
    /// Each surface with its number of tokens.
    private let surfaces: [(text: String, tokens: Int)]

    init(surfaces: [String]) {
        self.surfaces = surfaces.map { ($0, Tokenizer.tokens($0).count) }.filter { $0.tokens > 0 }
    }

    /// The parts of `text` where a surface occurs, in order, overlapping occurrences merged.
    func ranges(in text: String) -> [Range<String.Index>] {
        guard !surfaces.isEmpty else { return [] }
        let tokens = Tokenizer.tokens(text)
        var found: [Range<String.Index>] = []
        for start in tokens.indices {
            for surface in surfaces where start + surface.tokens <= tokens.count {
                let range = tokens[start].range.lowerBound..<tokens[start + surface.tokens - 1].range.upperBound
                if text[range] == surface.text { found.append(range) }
            }
        }
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<String.Index>] = []
        for range in found {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
