/// What every text field of a parsed document promises (`FeedItem`: "markup stripped, entities decoded,
/// whitespace collapsed"): no control characters, no empty value, no whitespace at either end or twice in a row.
public enum PlainTextInvariants {
    public static func check(_ text: String?, field: String) {
        guard let text else { return }
        Invariant.require(!text.isEmpty, "\(field) is empty rather than nil")
        var previousWasSpace = true
        for scalar in text.unicodeScalars {
            Invariant.require(scalar.value >= 0x20, "\(field) holds control U+\(hex(scalar)): \(text.debugDescription)")
            let space = isCollapsedSpace(scalar)
            Invariant.require(!(space && previousWasSpace), "\(field) has uncollapsed whitespace: \(text.debugDescription)")
            previousWasSpace = space
        }
        Invariant.require(!previousWasSpace, "\(field) ends with whitespace: \(text.debugDescription)")
    }

    /// The whitespace the parser's text builder collapses (Python's `str.isspace`, as the reference outputs use).
    static func isCollapsedSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
