import CLibXML2

/// Replaces the C0 control characters that XML 1.0 forbids (every one below U+0020 but tab, line feed
/// and carriage return) with spaces before libxml2 reads a feed.
///
/// libxml2 2.9 takes a NUL for the end of its input: a NUL inside one title silently dropped every item
/// after it. It drops the other controls, which glues the words on either side together. A space keeps
/// the word boundary, disappears into the whitespace the text builder collapses, and is what libxml2's
/// own HTML parser makes of a NUL; U+FFFD would show in digests and say nothing more.
///
/// The replacement works on the code units of the document's encoding, in one pass: byte by byte where
/// the encoding is ASCII-compatible, per 16- or 32-bit unit in UTF-16 and UTF-32 (whose 0x00 bytes are
/// legitimate), and not at all where control bytes carry meaning (ISO-2022's escapes and shifts, EBCDIC).
/// A NUL in those still stops libxml2, and `DocumentParser` then reports the document as truncated.
enum ControlCharacterFilter {
    /// `decoding` with its forbidden controls replaced; the same bytes when there are none.
    static func replacingForbiddenControls(in decoding: CharsetHint.XMLDecoding) -> CharsetHint.XMLDecoding {
        guard let units = CodeUnits(of: decoding) else { return decoding }
        var filtered = decoding
        filtered.bytes = replacingForbiddenControls(in: decoding.bytes, units: units)
        return filtered
    }

    /// How characters are laid out in bytes: the unit width and where a unit's low byte sits in it.
    private struct CodeUnits {
        var width: Int
        var lowByteOffset: Int

        static let single = CodeUnits(width: 1, lowByteOffset: 0)

        init(width: Int, lowByteOffset: Int) {
            self.width = width
            self.lowByteOffset = lowByteOffset
        }

        /// The layout libxml2 will decode `decoding` with, or nil when controls cannot be told apart safely.
        init?(of decoding: CharsetHint.XMLDecoding) {
            let bytes = decoding.bytes
            if decoding.encoding == nil, bytes.starts(with: [0xFE, 0xFF]) {
                self.init(width: 2, lowByteOffset: 1)
                return
            }
            if decoding.encoding == nil, bytes.starts(with: [0xFF, 0xFE]) {
                self.init(width: 2, lowByteOffset: 0)
                return
            }
            let encoding = (decoding.encoding ?? bytes.withBuffer(CharsetHint.declaredEncoding) ?? "UTF-8").uppercased()
            switch encoding {
            case "UTF-8", "UTF8": self = .single
            case "UTF-16BE": self.init(width: 2, lowByteOffset: 1)
            case "UTF-16LE": self.init(width: 2, lowByteOffset: 0)
            case "UTF-32BE": self.init(width: 4, lowByteOffset: 3)
            case "UTF-32LE": self.init(width: 4, lowByteOffset: 0)
            default:
                guard ControlCharacterFilter.decodesControlsAsThemselves(encoding) else { return nil }
                self = .single
            }
        }
    }

    private static func replacingForbiddenControls(in bytes: DocumentBytes, units: CodeUnits) -> DocumentBytes {
        guard let copy = bytes.withBuffer({ replacingForbiddenControls(in: $0, units: units) }) else { return bytes }
        return .owned(copy[...])
    }

    /// A copy of `bytes` with its forbidden controls replaced, or nil when it holds none.
    private static func replacingForbiddenControls(in bytes: UnsafeBufferPointer<UInt8>, units: CodeUnits) -> [UInt8]? {
        guard mayHoldForbiddenControl(UnsafeRawBufferPointer(bytes)) else { return nil }
        var copy: [UInt8]?
        var unitStart = 0
        while unitStart + units.width <= bytes.count {
            let low = unitStart + units.lowByteOffset
            if isForbidden(bytes[low]),
                units.width == 1 || (unitStart..<unitStart + units.width).allSatisfy({ $0 == low || bytes[$0] == 0 })
            {
                if copy == nil { copy = Array(bytes) }
                copy![low] = 0x20
            }
            unitStart += units.width
        }
        return copy
    }

    /// Whether any byte is a forbidden control, sixty-four bytes at a time: nearly every document has none, and
    /// this pass reads all of it. The vector unit tests sixteen bytes exactly, line feeds and tabs let through,
    /// so that the words of an indented feed are not looked at byte by byte; four such tests are merged before
    /// the one branch on their result.
    private static func mayHoldForbiddenControl(_ raw: UnsafeRawBufferPointer) -> Bool {
        typealias Bytes = SIMD16<UInt8>
        @inline(__always)
        func forbidden(at offset: Int) -> SIMDMask<Bytes.MaskStorage> {
            let bytes = raw.loadUnaligned(fromByteOffset: offset, as: Bytes.self)
            return bytes .< Bytes(repeating: 0x20) .& (bytes .!= Bytes(repeating: 0x09)) .& (bytes .!= Bytes(repeating: 0x0A))
                .& (bytes .!= Bytes(repeating: 0x0D))
        }
        var index = 0
        while index + 64 <= raw.count {
            let found = forbidden(at: index) .| forbidden(at: index + 16) .| forbidden(at: index + 32) .| forbidden(at: index + 48)
            let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
            if words[0] | words[1] != 0 { return true }
            index += 64
        }
        return raw[index...].contains(where: isForbidden)
    }

    private static func isForbidden(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// Whether `encoding` decodes each C0 byte to that same control, even where ISO-2022 would read an
    /// escape sequence: then a byte below 0x20 is a control wherever it appears, since the multibyte
    /// encodings that pass (EUC, Big5, GBK, GB18030, Shift_JIS) never use such bytes inside a character.
    /// Asking libxml2 covers every name it accepts, aliases included; VISCII (letters at C0 positions)
    /// and the ISO-2022 family fail, as they should.
    private static func decodesControlsAsThemselves(_ encoding: String) -> Bool {
        // A refused conversion is reported through libxml2's error handler: keep it off stderr.
        LibXMLErrorLog.capture { _ in
            guard let handler = xmlFindCharEncodingHandler(encoding) else { return false }
            defer { xmlCharEncCloseFunc(handler) }
            guard let input = xmlBufferCreate() else { return false }
            defer { xmlBufferFree(input) }
            guard let output = xmlBufferCreate() else { return false }
            defer { xmlBufferFree(output) }
            let probe = [UInt8](0x00...0x1F) + [0x1B, UInt8(ascii: "$"), UInt8(ascii: "B")]
            guard xmlBufferAdd(input, probe, Int32(probe.count)) == 0,
                xmlCharEncInFunc(handler, output, input) == Int32(probe.count),
                let decoded = xmlBufferContent(output)
            else { return false }
            return probe.indices.allSatisfy { decoded[$0] == probe[$0] }
        }
    }
}
