/// Response header fields in sending order, written as a dictionary literal (`["ETag": "\"v1\""]`).
///
/// Unlike a dictionary it keeps the written order, so what goes on the wire is predictable.
public struct HTTPHeaderFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One header field.
    public struct Field: Sendable, Equatable {
        /// The field name, as it will be sent.
        public var name: String
        /// The field value.
        public var value: String
    }

    /// The fields, in sending order.
    public var fields: [Field]

    /// Creates header fields from a literal, keeping its order.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The value of the first field named `name` (compared case-insensitively).
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Appends a field, even if one with the same name exists.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }
}
