import CLibXML2

/// The only parser options veilleur uses: no network, recover from malformed input, and silence
/// (errors go to `LibXMLErrorLog`). Entity substitution (`NOENT`), DTD loading and `HUGE` stay off,
/// which keeps external entities unread and libxml2's entity amplification limits active.
enum LibXMLOptions {
    /// Initialises libxml2 once, before any call into it: its lazy initialisation is not safe when two
    /// threads make their first call at the same time. Every entry point reads it first, detection
    /// included: two crawl tasks of a new daemon that looked up their documents' encodings
    /// (`xmlFindCharEncodingHandler`) before either parsed both built libxml2's table of encodings, and
    /// one read it while the other replaced it (a crash seen once in `ClusterRunTests`).
    static let initialized: Void = xmlInitParser()

    static let xml = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue
    )
    static let html = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue
    )
}
