import Foundation
import Model

/// String lists are stored as JSON arrays in TEXT columns (categories, topics, terms, paths), and so are a
/// match's surfaces, as objects.
enum JSONColumn {
    /// A JSON array of strings. Written by hand rather than with `JSONEncoder`: a crawl writes three
    /// such columns per match, a million matches per pass with many profiles, and the encoder's generic
    /// machinery cost more than the inserts themselves.
    static func encode(_ values: [String]) -> String {
        var json = "["
        for (index, value) in values.enumerated() {
            if index > 0 { json += "," }
            appendQuoted(value, to: &json)
        }
        return json + "]"
    }

    static func decode(_ text: String?, column: String, database path: String) throws(StorageError) -> [String] {
        guard let text else { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StorageError(operation: "decode \(column)", kind: .corrupt, message: "not a JSON array of strings: \(text.prefix(80))", database: path)
        }
    }

    /// A JSON array of surfaces, `{"field":…,"text":…}` each, as `MatchedSurface`'s `Codable` reads them.
    static func encode(_ values: [MatchedSurface]) -> String {
        var json = "["
        for (index, surface) in values.enumerated() {
            if index > 0 { json += "," }
            json += "{\"field\":"
            appendQuoted(surface.field.rawValue, to: &json)
            json += ",\"text\":"
            appendQuoted(surface.text, to: &json)
            json += "}"
        }
        return json + "]"
    }

    /// Appends `text` as a JSON string (RFC 8259): quote, backslash and control characters escaped, the
    /// rest as UTF-8.
    private static func appendQuoted(_ text: String, to json: inout String) {
        json += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            json += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case "\n": json += "\\n"
                case "\r": json += "\\r"
                case "\t": json += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
        }
        json += "\""
    }

    static func decodeSurfaces(_ text: String?, column: String, database path: String) throws(StorageError) -> [MatchedSurface] {
        guard let text else { return [] }
        do {
            return try JSONDecoder().decode([MatchedSurface].self, from: Data(text.utf8))
        } catch {
            throw StorageError(operation: "decode \(column)", kind: .corrupt, message: "not a JSON array of surfaces: \(text.prefix(80))", database: path)
        }
    }

    /// A JSON array of row ids, for `json_each` in statements that take a list.
    static func ids(_ values: [Int64]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON array of strings, for `json_each` in statements that take a list.
    static func strings(_ values: [String]) -> String {
        encode(values)
    }
}
