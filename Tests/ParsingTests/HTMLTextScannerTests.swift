import Foundation
import Parsing
import Testing

/// Escaped HTML in feed text is read in one pass; these pin the rules that pass follows.
@Suite struct HTMLTextScannerTests {
    @Test("HTML text reads as a browser shows it", arguments: [
        ("<p>un</p><p>deux</p>", "un deux"),
        ("a<br>b<br/>c<hr>d", "a b c d"),
        ("<b>gras</b><i>italique</i>", "grasitalique"),
        ("<script>if (a < b) { x = '</p>' }</script>texte<style>p { color: red }</style>", "texte"),
        ("<SCRIPT type=\"text/javascript\">x()</ScRiPt >après", "après"),
        ("<!-- <p>commentaire</p> -->visible", "visible"),
        ("<!DOCTYPE html><?xml version=\"1.0\"?>texte", "texte"),
        ("<a href=\"/x?a=1&b=2\" title='a > b'>lien</a>", "lien"),
        ("1 < 2 et 3 > 2", "1 < 2 et 3 > 2"),
        ("a </ b", "a b"),
        ("<p>non fermé", "non fermé"),
        ("avant <img src=\"x.png\" alt=\"jamais fermé", "avant"),
        ("<![CDATA[x]]>", "<![CDATA[x]]>"),
    ])
    func markupBecomesText(html: String, text: String) {
        #expect(HTMLText.plainText(fromHTML: html) == text)
    }

    @Test("named references with a semicolon follow HTML 4's table; unknown ones stay as written", arguments: [
        ("&eacute;t&eacute;", "été"),
        ("&hellip;&rsquo;&euro;&oelig;", "…’€œ"),
        ("AT&amp;T", "AT&T"),
        ("&inconnu; &", "&inconnu; &"),
        ("&#233;&#xE9;&#XE9;", "ééé"),
    ])
    func namedAndNumericReferences(html: String, text: String) {
        #expect(HTMLText.plainText(fromHTML: html) == text)
    }

    @Test("legacy references without a semicolon are decoded in text, as HTML5 reads them", arguments: [
        ("caf&eacute cr&egrave;me", "café crème"),
        ("&copy2026 &AMP &nbspx", "©2026 & x"),
        ("&notit; &eacutex", "¬it; éx"),
        ("&hellip sans point-virgule", "&hellip sans point-virgule"),
        ("&#233 et &#x20AC", "é et €"),
    ])
    func legacyReferencesWithoutSemicolon(html: String, text: String) {
        #expect(HTMLText.plainText(fromHTML: html) == text)
    }

    @Test("numeric references to 0x80–0x9F are windows-1252 characters; references to no character give nothing")
    func numericReferencesToC1AndInvalidValues() {
        #expect(HTMLText.plainText(fromHTML: "don&#146;t &#147;cité&#148; &#128;5 &#133;") == "don’t “cité” €5 …")
        #expect(HTMLText.plainText(fromHTML: "a&#0;b&#xD800;c&#99999999999;d&#;e") == "abcde")
    }

    @Test("a hundred thousand unclosed tags and references are read in one pass without exhausting anything")
    func hostileMarkupStaysLinear() {
        let tags = String(repeating: "<div><span>", count: 100_000) + "fond"
        #expect(HTMLText.plainText(fromHTML: tags) == "fond")
        let references = String(repeating: "&eacute", count: 100_000)
        #expect(HTMLText.plainText(fromHTML: references).count == 100_000)
        let unterminated = "<a title=\"" + String(repeating: "x", count: 100_000)
        #expect(HTMLText.plainText(fromHTML: unterminated).isEmpty)
    }
}
