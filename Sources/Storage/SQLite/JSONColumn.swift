import Foundation
import Model

/// String lists are stored as JSON arrays in TEXT columns (categories, topics, terms, paths), and so are a
/// match's surfaces, as objects.
enum JSONColumn {
    static func encode(_ values: [String], column: String, path: String) throws(StorageError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        } catch {
            throw StorageError(operation: "encode \(column)", message: "\(error)", path: path)
        }
    }

    static func decode(_ text: String?, column: String, path: String) throws(StorageError) -> [String] {
        guard let text else { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StorageError(operation: "decode \(column)", message: "not a JSON array of strings: \(text.prefix(80))", path: path)
        }
    }

    static func encode(_ values: [MatchedSurface], column: String, path: String) throws(StorageError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        } catch {
            throw StorageError(operation: "encode \(column)", message: "\(error)", path: path)
        }
    }

    static func decodeSurfaces(_ text: String?, column: String, path: String) throws(StorageError) -> [MatchedSurface] {
        guard let text else { return [] }
        do {
            return try JSONDecoder().decode([MatchedSurface].self, from: Data(text.utf8))
        } catch {
            throw StorageError(operation: "decode \(column)", message: "not a JSON array of surfaces: \(text.prefix(80))", path: path)
        }
    }

    /// A JSON array of row ids, for `json_each` in statements that take a list.
    static func ids(_ values: [Int64]) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    /// A JSON array of strings, for `json_each` in statements that take a list.
    static func strings(_ values: [String], path: String) throws(StorageError) -> String {
        try encode(values, column: "list parameter", path: path)
    }
}
