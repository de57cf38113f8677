import FuzzSupport
import TextNormalization

/// What `Tokenizer.tokens` promises of each token of a text.
enum TokenInvariants {
    static func check(_ tokens: [Token], of text: String) {
        var previousEnd = text.startIndex
        for (index, token) in tokens.enumerated() {
            let where_ = "token \(index) \(token.text.debugDescription) of \(text.debugDescription)"
            Invariant.require(token.position == index, "\(where_) has position \(token.position)")
            Invariant.require(!token.text.isEmpty && !token.caseFolded.isEmpty, "\(where_) is empty")
            for scalar in token.text.unicodeScalars {
                Invariant.require(!scalar.properties.isUppercase, "\(where_) holds uppercase U+\(hex(scalar))")
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    Invariant.require(false, "\(where_) holds combining mark U+\(hex(scalar))")
                default:
                    break
                }
            }
            Invariant.require(TextFolding.fold(token.text) == token.text, "\(where_) changes when folded again")
            Invariant.require(
                TextFolding.fold(token.caseFolded) == token.text,
                "\(where_) is not its case-folded form \(token.caseFolded.debugDescription) folded")
            let range = token.range
            Invariant.require(
                range.lowerBound >= previousEnd && range.lowerBound < range.upperBound && range.upperBound <= text.endIndex,
                "\(where_) lies outside the text or before the previous token")
            Invariant.require(
                range.lowerBound.samePosition(in: text.unicodeScalars) != nil
                    && range.upperBound.samePosition(in: text.unicodeScalars) != nil,
                "\(where_) does not start and end on scalar boundaries")
            previousEnd = range.upperBound
        }
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        String(scalar.value, radix: 16, uppercase: true)
    }
}
