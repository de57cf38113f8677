/// The file name of the alert of one profile on one item: `PROFILE-ITEM.json`, the same at every write of
/// that alert and different for every other (profile, item) pair.
///
/// The profile id is percent-encoded outside `A-Z a-z 0-9 . _` and `-`, so the name holds no separator
/// and no control character, and two ids never give one name; the item is its store row id, digits only,
/// so the last `-` splits the two. An encoded id too long for a file name keeps its first bytes and ends
/// with `~` and a hash of the whole id.
public enum AlertFileName {
    /// Encoded profile ids are cut beyond this many bytes, well within a file name's 255 with the item id.
    static let maximumProfileBytes = 180

    public static func name(profile: String, itemID: Int64) -> String {
        var encoded = ""
        for byte in profile.utf8 {
            if isKept(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hex(byte)
            }
        }
        // A leading dot would hide the file from most listings, as temporary files are.
        if encoded.hasPrefix(".") { encoded = "%2E" + encoded.dropFirst() }
        if encoded.utf8.count > maximumProfileBytes {
            let digest = String(fnv1a(profile), radix: 16)
            encoded = String(encoded.prefix(maximumProfileBytes - 1 - digest.count)) + "~" + digest
        }
        return "\(encoded)-\(itemID).json"
    }

    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// FNV-1a, 64 bits: stable across runs and builds, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
