/// How markup becomes plain text: which elements separate words and which are dropped with their content.
struct MarkupTextRules: Sendable {
    /// Lowercase local names after and before which a space is inserted.
    let separating: TagNameSet
    /// Lowercase local names whose whole subtree is ignored.
    let dropped: TagNameSet

    /// Character data only: for XML fields such as titles, where child elements are unusual.
    static let characterData = MarkupTextRules(separating: [], dropped: [])

    /// HTML read as text: block elements and `<br>`, `<hr>`, `<img>` separate words; scripts and styles are dropped.
    static let html = MarkupTextRules(separating: htmlBlocks, dropped: ["script", "style"])

    /// The readable text of a page: as `html`, also dropping navigation, page chrome and forms.
    static let pageMain = MarkupTextRules(
        separating: htmlBlocks,
        dropped: [
            "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
            "svg", "iframe", "button", "select", "textarea", "dialog",
        ]
    )

    private static let htmlBlocks: TagNameSet = [
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "br", "hr", "img",
    ]
}
