import CLibXML2

/// HTML's named character references: HTML 4's table (libxml2's, which its HTML parser uses) with `;`, and
/// the legacy names HTML5 still reads without it in text (the Latin-1 letters and signs, `amp`, `lt`, `gt`,
/// `quot`, and the capitalised `AMP`, `COPY`, `GT`, `LT`, `QUOT`, `REG`).
enum HTMLEntities {
    /// Longest name worth looking up (`thetasym`); longer runs of letters are no reference.
    static let maxNameLength = 8

    /// Built once from libxml2's table, looked up by value since libxml2 offers no way to list it.
    private static let table: [String: UInt32] = {
        var names: [String: UInt32] = [:]
        for value in UInt32(0)...0x2667 {
            guard let entry = htmlEntityValueLookup(value), let name = entry.pointee.name else { continue }
            names[String(cString: name)] = entry.pointee.value
        }
        for name in capitalisedLegacy {
            if let value = names[name.lowercased()] { names[name] = value }
        }
        return names
    }()

    private static let capitalisedLegacy = ["AMP", "COPY", "GT", "LT", "QUOT", "REG"]

    private static let legacy: [String: UInt32] = table.filter { name, value in
        (0xA0...0xFF).contains(value) || ["amp", "lt", "gt", "quot"].contains(name) || capitalisedLegacy.contains(name)
    }

    /// The character `name` stands for when followed by `;`.
    static func scalar(named name: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        guard !name.isEmpty, name.count <= maxNameLength else { return nil }
        return table[String(decoding: name, as: UTF8.self)].flatMap(Unicode.Scalar.init)
    }

    /// The legacy reference that starts `name`, longest first, and its length in bytes.
    static func longestLegacyPrefix(of name: Slice<UnsafeBufferPointer<UInt8>>) -> (Unicode.Scalar, Int)? {
        var length = min(name.count, 6)
        while length >= 2 {
            if let value = legacy[String(decoding: name.prefix(length), as: UTF8.self)], let scalar = Unicode.Scalar(value) {
                return (scalar, length)
            }
            length -= 1
        }
        return nil
    }
}
