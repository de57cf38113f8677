import CLibXML2
import Foundation

/// Where the character encoding of a document comes from.
///
/// Per the XML spec a byte-order mark wins over everything and the XML declaration wins over the
/// HTTP header, so the HTTP charset is handed to libxml2 only when the document says nothing.
/// Whatever the input, libxml2 hands back UTF-8.
enum CharsetHint {
    /// How libxml2 should decode a document: the bytes to hand it, the encoding to pass, and whether
    /// that encoding overrides the XML declaration.
    struct XMLDecoding: Equatable {
        var bytes: ArraySlice<UInt8>
        var encoding: String?
        var overridesDeclaration = false
    }

    /// The `charset` parameter of a Content-Type header value.
    static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Chooses the decoding: the HTTP charset only when the document has neither a BOM nor an encoding
    /// in its XML declaration. Cases where libxml2 2.9 would fail or garble are forced instead: UTF-32 and
    /// BOM-less UTF-16 (recognised by the `<` signature, whatever the declaration says), a declared
    /// encoding libxml2 does not know, and a Latin-1 declaration on bytes that are valid, non-ASCII UTF-8
    /// (a common publishing mistake that would garble every accent).
    static func xmlDecoding(for bytes: ArraySlice<UInt8>, contentType: String?) -> XMLDecoding {
        let forced: [(signature: [UInt8], bomLength: Int, encoding: String)] = [
            ([0x00, 0x00, 0xFE, 0xFF], 4, "UTF-32BE"), ([0xFF, 0xFE, 0x00, 0x00], 4, "UTF-32LE"),
            ([0x00, 0x00, 0x00, 0x3C], 0, "UTF-32BE"), ([0x3C, 0x00, 0x00, 0x00], 0, "UTF-32LE"),
            ([0x00, 0x3C, 0x00], 0, "UTF-16BE"), ([0x3C, 0x00, 0x3F, 0x00], 0, "UTF-16LE"),
        ]
        if let match = forced.first(where: { bytes.starts(with: $0.signature) }) {
            return XMLDecoding(bytes: bytes.dropFirst(match.bomLength), encoding: match.encoding, overridesDeclaration: true)
        }
        let httpCharset = charset(fromContentType: contentType).flatMap { isSupported($0) ? $0 : nil }
        if let declared = declaredEncoding(bytes) {
            if latin1Family.contains(declared.lowercased()), isNonASCIIUTF8(bytes) {
                return XMLDecoding(bytes: bytes, encoding: "UTF-8", overridesDeclaration: true)
            }
            guard isSupported(declared) else {
                // libxml2 gives up on an encoding name it does not know; the header or UTF-8 is a better guess.
                return XMLDecoding(bytes: bytes, encoding: httpCharset ?? "UTF-8", overridesDeclaration: true)
            }
            return XMLDecoding(bytes: bytes, encoding: nil)
        }
        let hasBOM = [[0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE]].contains { bytes.starts(with: $0) }
        guard !hasBOM, let httpCharset else { return XMLDecoding(bytes: bytes, encoding: nil) }
        return XMLDecoding(bytes: bytes, encoding: httpCharset)
    }

    /// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration.
    static func declaredEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
        guard body.starts(with: Array("<?xml".utf8)) else { return nil }
        let declaration = String(decoding: body.prefix(256).prefix { $0 != UInt8(ascii: ">") }, as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// Whether libxml2 (with iconv) can decode `charset`.
    static func isSupported(_ charset: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(charset) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    private static let latin1Family: Set<String> = [
        "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii",
    ]

    private static func isNonASCIIUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.contains { $0 >= 0x80 } && String(validating: bytes, as: UTF8.self) != nil
    }
}
