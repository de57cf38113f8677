import CLibXML2

/// Strings that libxml2 allocates and the caller must free.
enum LibXMLString {
    /// Copies `pointer` into a Swift string and frees it.
    static func take(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { veilleur_xml_free(pointer) }
        return String(cString: pointer)
    }
}
