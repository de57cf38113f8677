/// Quoted-printable bodies (RFC 2045 §6.7): any UTF-8 text becomes lines of at most 76 ASCII characters.
///
/// Line breaks of the text (LF or CRLF) become CRLF; longer lines are cut with soft breaks (`=` at the end).
/// Besides what the rule requires, `=` is always written `=3D` (so `=_`, which starts the MIME boundaries
/// of ``MailMessage``, can never appear in a body) and a `.` that would start a line is written `=2E`, so
/// that no relay reads a line holding a single dot as the end of the message.
public enum QuotedPrintable {
    /// Longest encoded line, soft-break `=` included.
    public static let maximumLineLength = 76

    /// `text` encoded, lines separated by CRLF, without a final line break.
    public static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var line: [UInt8] = []
        var afterCR = false
        for byte in text.utf8 {
            if byte == 0x0A {
                encodeLine(line, into: &output)
                output += [0x0D, 0x0A]
                line.removeAll(keepingCapacity: true)
                afterCR = false
                continue
            }
            if afterCR { line.append(0x0D) }
            afterCR = byte == 0x0D
            if !afterCR { line.append(byte) }
        }
        if afterCR { line.append(0x0D) }
        encodeLine(line, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func encodeLine(_ line: [UInt8], into output: inout [UInt8]) {
        var column = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let literal: Bool
            switch byte {
            case 0x20, 0x09: literal = !isLast  // whitespace ending a line would be stripped in transit
            case 0x2E: literal = column != 0
            case 0x3D: literal = false
            case 0x21...0x7E: literal = true
            default: literal = false
            }
            let width = literal ? 1 : 3
            // Room for a soft-break `=` after the last character of a cut line.
            if column + width > maximumLineLength - 1 {
                output += [0x3D, 0x0D, 0x0A]
                column = 0
                if byte == 0x2E {
                    appendEscaped(byte, to: &output)
                    column = 3
                    continue
                }
            }
            if literal {
                output.append(byte)
            } else {
                appendEscaped(byte, to: &output)
            }
            column += width
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        output += [0x3D, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
    }
}
