import Alerts
import Testing

@Suite("Alert file names")
struct AlertFileNameTests {
    @Test("A plain profile id and the item id make the name")
    func plain() {
        #expect(AlertFileName.name(profile: "filiere-hydrogene", itemID: 42) == "filiere-hydrogene-42.json")
    }

    @Test("Hostile profile ids give names with no separator, no control character and no leading dot")
    func hostile() {
        for profile in ["../etc/passwd", "a/b", ".hidden", "né\u{1}\n", "a b", "%41"] {
            let name = AlertFileName.name(profile: profile, itemID: 7)
            #expect(!name.contains("/"))
            #expect(!name.hasPrefix("."))
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x21 })
        }
    }

    @Test("Distinct (profile, item) pairs never share a name, even when the ids look alike")
    func unique() {
        let pairs: [(String, Int64)] = [("a b", 1), ("a_b", 1), ("a%20b", 1), ("a-1", 23), ("a", 123), ("a-12", 3), ("A", 1), ("a", 1)]
        let names = pairs.map { AlertFileName.name(profile: $0.0, itemID: $0.1) }
        #expect(Set(names).count == pairs.count)
    }

    @Test("A 200-byte profile id of multibyte letters gives a name a file system accepts, distinct from a neighbour's")
    func long() {
        let first = String(repeating: "é", count: 100)
        let second = String(repeating: "é", count: 99) + "è"
        let names = [first, second].map { AlertFileName.name(profile: $0, itemID: Int64.max) }
        #expect(names.allSatisfy { $0.utf8.count <= 255 })
        #expect(names[0] != names[1])
    }
}
