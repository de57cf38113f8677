import Foundation

/// Finds a digest's terms in a text as whole words, ignoring case and accents.
///
/// Both sides are cut into words (runs of letters and digits) and each word is folded on its own, so a
/// match among the folded words maps straight back to the original characters: there is no offset into
/// a folded copy, whose length may differ from the original's. A term of several words matches consecutive
/// words whatever separates them, as the matcher does; a term never matches part of a longer word.
struct TermHighlighter: Sendable {
    /// Each term as its folded words.
    private let terms: [[String]]

    init(terms: [String]) {
        self.terms = terms.map { Self.words(in: $0).map(\.folded) }.filter { !$0.isEmpty }
    }

    /// The parts of `text` where a term occurs, in order, overlapping occurrences merged.
    func ranges(in text: String) -> [Range<String.Index>] {
        guard !terms.isEmpty else { return [] }
        let words = Self.words(in: text)
        var found: [Range<String.Index>] = []
        for start in words.indices {
            for term in terms where start + term.count <= words.count {
                let end = start + term.count - 1
                if zip(term, words[start...end]).allSatisfy({ $0 == $1.folded }) {
                    found.append(words[start].range.lowerBound..<words[end].range.upperBound)
                }
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

    private struct Word {
        var range: Range<String.Index>
        var folded: String
    }

    private static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let isWordCharacter = text[index].isLetter || text[index].isNumber
            if isWordCharacter, start == nil {
                start = index
            } else if !isWordCharacter, let wordStart = start {
                words.append(word(text, wordStart..<index))
                start = nil
            }
            index = text.index(after: index)
        }
        if let wordStart = start { words.append(word(text, wordStart..<text.endIndex)) }
        return words
    }

    private static func word(_ text: String, _ range: Range<String.Index>) -> Word {
        Word(range: range, folded: text[range].folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }
}
