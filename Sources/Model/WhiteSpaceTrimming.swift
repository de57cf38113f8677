extension String {
    /// The text without the white space and line breaks around it, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it: that call goes through `NSString` each
    /// time, which cost a tenth of loading 1,000 profiles and ran three times per item recorded.
    public var trimmingWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isWhiteSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Self.isWhiteSpace($0) }) ?? first
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Whether `scalar` belongs to Foundation's `CharacterSet.whitespacesAndNewlines`: the separators
    /// (general categories Zs, Zl, Zp), tab, the line breaks U+000A–U+000D and U+0085, and the zero-width
    /// space U+200B, which swift-corelibs-foundation counts as white space.
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x200B: return true
        case 0..<0x80: return false
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
