import Testing
@testable import Parsing

/// Namespace URIs are matched as written and, failing that, without ASCII case and trailing slashes.
@Suite struct NamespaceSetTests {
    @Test("a known URI as written, with other capitals or with slashes added or dropped, has its namespace's bits", arguments: [
        "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/elements/1.1", "HTTP://PURL.ORG/DC/ELEMENTS/1.1//",
    ])
    func knownURIs(_ uri: String) {
        #expect(NamespaceSet.mask(of: uri) == NamespaceSet.dublinCore.known)
        #expect(NamespaceSet.dublinCore.contains(uri))
        #expect(!NamespaceSet.dcTerms.contains(uri))
    }

    @Test("each of RSS's URIs is in the RSS set, and no namespace is in it too")
    func rssURIs() {
        for uri in ["http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9", "http://backend.userland.com/RSS2", nil] {
            #expect(NamespaceSet.rss.contains(uri), "\(uri ?? "none")")
        }
    }

    @Test("a URI no format defines, or one differing by more than case and slashes, has no known bits", arguments: [
        "http://wellformedweb.org/CommentAPI/", "http://purl.org/dc/elements/1.1/x", "http://purl.org/dc/elements/1.1 ", "",
    ])
    func unknownURIs(_ uri: String) {
        #expect(NamespaceSet.mask(of: uri) == 0)
        #expect(NamespaceSet(uri: uri).contains(uri))
    }
}
