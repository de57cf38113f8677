import Storage
import Testing

@Suite struct CanonicalLinkHostileTests {
    @Test(arguments: [
        "http://[::1]:80/", "http://a/?%zz=1", "http://a/?a=%", "https://EXAMPLE.com:443/#x", "http://a/?=&&=",
        "http://a:99999999999999999999/", "http://user:pw@Host/p", "mailto:x@y", "http://ä.com/?ü=1", "http://a/?a=b=c&utm_x",
        "http://a/?;=;&b", "//host/path", "http://a/%00?%00=%00", "http://a/?q=1#frag?x", ":", "http://", "",
        "http://a/?" + String(repeating: "x=1&", count: 10_000),
    ])
    func canonicalisingAnOddLinkNeverCrashesAndIsStable(link: String) {
        let once = CanonicalLink.canonicalize(link)
        #expect(CanonicalLink.canonicalize(once) == once)
    }
}
