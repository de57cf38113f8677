import CLibXML2

/// Attribute values as libxml2's SAX2 interface hands them out when it does not substitute entities:
/// every `&` of the value written as `&#38;`, and references to the document's own entities kept as
/// `&name;` for the tree builder to expand. Here they are expanded as the tree walker did: internal
/// entities only, a few levels deep, markup dropped, and the result collapsed like any attribute.
enum AttributeValue {
    private static let maxEntityDepth = 3
    /// Bytes an expansion may produce before the rest is dropped.
    private static let maxExpandedBytes = 1_000_000

    static func decoded(_ value: UnsafeBufferPointer<xmlChar>, document: xmlDocPtr?) -> String {
        guard value.contains(UInt8(ascii: "&")) else { return PlainTextBuilder.collapsed(utf8: value) }
        var output: [UInt8] = []
        expand(value, into: &output, document: document, depth: 0)
        return output.withUnsafeBufferPointer(PlainTextBuilder.collapsed(utf8:))
    }

    private static func expand(_ value: UnsafeBufferPointer<xmlChar>, into output: inout [UInt8], document: xmlDocPtr?, depth: Int) {
        var index = 0
        var inTag = false
        while index < value.count, output.count < maxExpandedBytes {
            let byte = value[index]
            if depth > 0, byte == UInt8(ascii: "<") || (inTag && byte == UInt8(ascii: ">")) {
                inTag = byte == UInt8(ascii: "<")
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "&"), !inTag, let semicolon = value[index...].firstIndex(of: UInt8(ascii: ";")) else {
                if !inTag { output.append(byte) }
                index += 1
                continue
            }
            let name = Array(value[(index + 1)..<semicolon])
            if name == Array("#38".utf8) || name == Array("#x26".utf8) {
                output.append(UInt8(ascii: "&"))
            } else if depth < maxEntityDepth, let content = internalEntityContent(name, document: document) {
                expand(content, into: &output, document: document, depth: depth + 1)
            }
            index = semicolon + 1
        }
    }

    private static func internalEntityContent(_ name: [UInt8], document: xmlDocPtr?) -> UnsafeBufferPointer<xmlChar>? {
        guard let document, !name.isEmpty else { return nil }
        let entity = (name + [0]).withUnsafeBufferPointer { xmlGetDocEntity(document, $0.baseAddress) }
        guard let entity, entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY || entity.pointee.etype == XML_INTERNAL_PREDEFINED_ENTITY,
              let content = entity.pointee.content
        else { return nil }
        return UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
    }
}
