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
    struct XMLDecoding {
        var bytes: DocumentBytes
        var encoding: String?
        var overridesDeclaration = false
        /// True when only the start of the bytes was checked for UTF-8: libxml2 checks the rest as it reads
        /// and stops at the first byte it cannot decode, and `mended()` then gives the bytes to read again.
        var checkedAtStartOnly = false

        /// These bytes with their stray bytes read as windows-1252, when they hold any and only their start
        /// was checked. Whatever their number: the items before the first of them, handed out already,
        /// were read as UTF-8, and what follows must be read the same way.
        func mended() -> XMLDecoding? {
            guard checkedAtStartOnly, let mended = bytes.withBuffer(Windows1252.mendingUTF8) else { return nil }
            return XMLDecoding(bytes: .owned(mended[...]), encoding: "UTF-8", overridesDeclaration: true)
        }
    }

    /// Bytes at the start of a UTF-8 document that are checked before libxml2 reads it. A longer document
    /// found valid there is read without checking the rest first, a pass over every byte that libxml2
    /// makes anyway; the whole of a shorter one is checked, and read as windows-1252 when its stray bytes
    /// outnumber its valid sequences.
    static let checkedPrefix = 64 * 1024

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
    /// encoding libxml2 does not know, a Latin-1 label on bytes that are valid, non-ASCII UTF-8 (a common
    /// publishing mistake that would garble every accent), a Latin-1 label on anything else (read as
    /// windows-1252, here), and bytes that are not valid UTF-8 where UTF-8 is declared or assumed (Latin-1
    /// text saved without a declaration or under a copied one, whose bytes libxml2 would stop at).
    static func xmlDecoding(for bytes: DocumentBytes, contentType: String?) -> XMLDecoding {
        let forced: [(signature: [UInt8], bomLength: Int, encoding: String)] = [
            ([0x00, 0x00, 0xFE, 0xFF], 4, "UTF-32BE"), ([0xFF, 0xFE, 0x00, 0x00], 4, "UTF-32LE"),
            ([0x00, 0x00, 0x00, 0x3C], 0, "UTF-32BE"), ([0x3C, 0x00, 0x00, 0x00], 0, "UTF-32LE"),
            ([0x00, 0x3C, 0x00], 0, "UTF-16BE"), ([0x3C, 0x00, 0x3F, 0x00], 0, "UTF-16LE"),
        ]
        if let match = forced.first(where: { bytes.starts(with: $0.signature) }) {
            return XMLDecoding(bytes: bytes.dropFirst(match.bomLength), encoding: match.encoding, overridesDeclaration: true)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            // The UTF-8 BOM wins over the declaration and the header; it goes, so that forcing UTF-8 cannot read it as text.
            return decoding(bytes.dropFirst(3), label: "UTF-8", explicit: true)
        }
        let httpCharset = charset(fromContentType: contentType).flatMap { isSupported($0) ? $0 : nil }
        if let declared = bytes.withBuffer(declaredEncoding) {
            guard isSupported(declared) else {
                // libxml2 gives up on an encoding name it does not know; the header or UTF-8 is a better guess.
                return decoding(bytes, label: httpCharset ?? "UTF-8", explicit: true)
            }
            return decoding(bytes, label: declared, explicit: false)
        }
        if [[0xFE, 0xFF], [0xFF, 0xFE]].contains(where: { bytes.starts(with: $0) }) {
            return XMLDecoding(bytes: bytes, encoding: nil)
        }
        return decoding(bytes, label: httpCharset, explicit: true)
    }

    /// The decoding for a document labelled `label` (nil: UTF-8 by default); `explicit` when the label
    /// does not come from the XML declaration and must be handed to libxml2.
    private static func decoding(_ bytes: DocumentBytes, label: String?, explicit: Bool) -> XMLDecoding {
        let isUTF8Label = label.map { ["utf-8", "utf8"].contains($0.lowercased()) } ?? true
        let isLatin1Label = label.map(Windows1252.isLabel) ?? false
        if isUTF8Label || isLatin1Label, bytes.withBuffer({ $0.contains { $0 >= 0x80 } }) {
            if isUTF8Label, bytes.count > checkedPrefix, bytes.withBuffer({ Windows1252.startsWithValidUTF8($0, count: checkedPrefix) }) {
                return XMLDecoding(bytes: bytes, encoding: explicit ? label : nil, overridesDeclaration: explicit && label != nil,
                                   checkedAtStartOnly: true)
            }
            if let repaired = bytes.withBuffer(Windows1252.repairingUTF8) {
                let text = isUTF8Label ? repaired : bytes.withBuffer(Windows1252.utf8(from:))
                return XMLDecoding(bytes: .owned(text[...]), encoding: "UTF-8", overridesDeclaration: true)
            }
            if isLatin1Label {
                // Valid UTF-8 under a Latin-1 label: the label was copied, the bytes are what the author typed.
                return XMLDecoding(bytes: bytes, encoding: "UTF-8", overridesDeclaration: true)
            }
        }
        return XMLDecoding(bytes: bytes, encoding: explicit ? label : nil, overridesDeclaration: explicit && label != nil)
    }

    /// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration.
    static func declaredEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
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
        // Detection runs before any parser: the first documents of a new process ask here first, at once.
        LibXMLOptions.initialized
        guard let handler = xmlFindCharEncodingHandler(charset) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
