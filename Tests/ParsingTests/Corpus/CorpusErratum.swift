/// A reference value we are sure is wrong, with why: the comparison is left out of the agreement and
/// counted apart. Each is checked to still disagree, so a stale entry is noticed.
struct CorpusErratum {
    struct Key: Hashable, Sendable {
        /// Path below `corpus/feeds`.
        let path: String
        /// 0-based entry position; -1 for the feed's own fields.
        let entry: Int
        let field: CorpusField
    }

    let key: Key
    let reason: String

    init(_ path: String, entry: Int, _ field: CorpusField, _ reason: String) {
        key = Key(path: path, entry: entry, field: field)
        self.reason = reason
    }

    static var byKey: [Key: CorpusErratum] {
        Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static let all: [CorpusErratum] = [
        CorpusErratum("feedparser/wellformed/atom/entry_link_no_href_link_priority.xml", entry: 0, .link, enclosureIsNoAlternate),
        CorpusErratum("feedparser/wellformed/atom10/entry_link_no_href_link_priority.xml", entry: 0, .link, enclosureIsNoAlternate),
        CorpusErratum("feedparser/wellformed/atom/entry_link_rel_enclosure_no_href.xml", entry: 0, .link, enclosureIsNoAlternate),
        CorpusErratum("feedparser/wellformed/atom10/entry_link_rel_enclosure_no_href.xml", entry: 0, .link, enclosureIsNoAlternate),
        CorpusErratum("feedparser/wellformed/node_precedence/atom10_id.xml", entry: 0, .link, idIsNoLink),
        CorpusErratum("feedparser/wellformed/node_precedence/atom10_id.xml", entry: 1, .link,
                      "'Incorrect Value' is the id of an image nested in the entry, and no URL either"),
        CorpusErratum("feedparser/wellformed/atom10/entry_id_with_attributes.xml", entry: 0, .link, idIsNoLink),
        CorpusErratum("feedparser/wellformed/lang/http_content_language_entry_title_inherit_2.xml", entry: 0, .link, idIsNoLink),
        CorpusErratum("feedparser/wellformed/base/http_entry_id_base_docuri.xml", entry: 0, .link, idIsNoLink),
        CorpusErratum("rss-parser/missing-fields.atom", entry: 0, .link, "a tag: URI identifies the entry; it is no link to it"),
        CorpusErratum("gofeed/parser/rss/rss_channel_item_guid_no_permalink.xml", entry: 0, .link,
                      "a guid that is no URL ('abc123') cannot be a permalink, whatever isPermaLink defaults to"),
        CorpusErratum("gofeed/parser/rss/rss_channel_item_uri_at_protocol.xml", entry: 0, .link,
                      "the link element's text is the link; RSS defines no `uri` attribute to prefer"),
        CorpusErratum("miniflux/encoding/windows-1252-incorrect-prolog.xml", entry: -1, .feedTitle,
                      "the bytes are valid UTF-8 (E2 82 AC, €); the windows-1252 declaration is the mistake, as the file's name says"),
        CorpusErratum("feedparser/wellformed/rss/item_category_image.xml", entry: 0, .title,
                      "that title belongs to an image nested in a category, not to the item"),
    ] + (0...23).map {
        CorpusErratum("rss-parser/reddit-home.rss", entry: $0, .id,
                      "feedparser resolved the id against the xml:base of the sibling <content>, which does not apply to <id>")
    }

    private static let enclosureIsNoAlternate = "the entry has a rel=alternate link; feedparser picked the rel=enclosure one"
    private static let idIsNoLink = "an Atom id that is not an http(s) URL is no link; feedparser copies any id there"
}
