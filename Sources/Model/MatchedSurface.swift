/// Words of an item a match found, exactly as the item writes them ("subventions", "e-commerce",
/// "industrie" of "l'industrie"), with the field they were found in: what a digest highlights.
public struct MatchedSurface: Sendable, Equatable, Hashable, Codable {
    /// The field the words were found in.
    public var field: ItemField
    /// The source text from the first word found to the last, elisions and surrounding punctuation left out.
    public var text: String

    public init(field: ItemField, text: String) {
        self.field = field
        self.text = text
    }
}
