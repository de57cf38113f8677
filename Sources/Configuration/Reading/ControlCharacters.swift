extension Unicode.Scalar {
    /// Whether this is a control character (general category Cc: C0, DEL and C1).
    var isControl: Bool { properties.generalCategory == .control }

    /// The code point as messages name it, such as `U+000A`.
    var codePoint: String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// The text with each control character written as `\u{1B}`, so that printing it can neither move the
    /// cursor nor start a line of its own.
    var withVisibleControlCharacters: String {
        var visible = ""
        for scalar in unicodeScalars {
            if scalar.isControl {
                visible += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                visible.unicodeScalars.append(scalar)
            }
        }
        return visible
    }
}
