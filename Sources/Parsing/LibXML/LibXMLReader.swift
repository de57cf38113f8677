import CLibXML2

/// Builds libxml2 trees from bytes with veilleur's fixed options. Callers own the returned document
/// (`xmlFreeDoc`) and must call these inside `LibXMLErrorLog.capture`.
enum LibXMLReader {
    static func readXML(_ decoding: CharsetHint.XMLDecoding) -> xmlDocPtr? {
        LibXMLOptions.initialized
        let bytes = decoding.bytes
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        let options = decoding.overridesDeclaration ? LibXMLOptions.xml | Int32(XML_PARSE_IGNORE_ENC.rawValue) : LibXMLOptions.xml
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, decoding.encoding, options)
            }
        }
    }

    static func readHTML(_ bytes: [UInt8], url: String?, encoding: String?) -> htmlDocPtr? {
        LibXMLOptions.initialized
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, LibXMLOptions.html)
            }
        }
    }
}
