import Foundation
import Model
import Parsing
import Testing

/// C1 controls read as windows-1252, and the HTTP Content-Language as the language of last resort.
@Suite struct WindowsControlAndLanguageTests {
    @Test("C1 controls in UTF-8 text are the windows-1252 characters they meant")
    func c1ControlsInUTF8Text() throws {
        let xml = "<rss version=\"2.0\"><channel><item><title>l\u{92}\u{E9}t\u{E9} \u{93}chaud\u{94} \u{80} \u{85}</title></item></channel></rss>"
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.first?.title == "l’été “chaud” € …")
    }

    @Test("a character reference to a C1 control in XML, as feedparser's demoronize case writes it, is read as windows-1252")
    func c1CharacterReferenceInXML() throws {
        let xml = "<rss version=\"2.0\"><channel><item><description>don&#146;t</description></item></channel></rss>"
        #expect(try DocumentParser.parse(Array(xml.utf8)).items.first?.summaryText == "don’t")
    }

    @Test("windows-1252 bytes under a Latin-1 label are read as windows-1252")
    func windows1252BytesUnderLatin1Label() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>".utf8)
            + [0x93, 0x80, 0x35, 0x94] + Array("</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bytes).items.first?.title == "“€5”")
    }

    @Test("the HTTP Content-Language is the language of a document that declares none, and only then")
    func contentLanguageIsTheLastResort() throws {
        let bare = Array("<rss version=\"2.0\"><channel><title>t</title></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bare, contentLanguage: "fr-FR, en").language == "fr-FR")
        #expect(try DocumentParser.parse(bare).language == nil)
        let declared = Array("<rss version=\"2.0\"><channel><language>en</language></channel></rss>".utf8)
        #expect(try DocumentParser.parse(declared, contentLanguage: "fr").language == "en")
        let page = Array("<!DOCTYPE html><html><head><title>Page</title></head><body><p>x</p></body></html>".utf8)
        #expect(try DocumentParser.parse(page, contentLanguage: "de").language == "de")
    }

    @Test("a Content-Language that is no language tag is ignored", arguments: ["", " , ", "fr\u{1B}[2J", "<script>", String(repeating: "a", count: 40)])
    func hostileContentLanguageIsIgnored(header: String) throws {
        let bare = Array("<rss version=\"2.0\"><channel><title>t</title></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bare, contentLanguage: header).language == nil)
    }
}
