import Testing
@testable import Fetching

@Suite struct ResponseHeaderTrackerTests {
    private func tracker(after lines: [String]) -> ResponseHeaderTracker {
        var tracker = ResponseHeaderTracker(requestedURL: "http://example.org/feed")
        for line in lines {
            var raw = line + "\r\n"
            raw.withUTF8 { tracker.consume($0) }
        }
        return tracker
    }

    @Test("An unfit validator of a response is dropped and noted, and a fit one of the same response kept")
    func unfitValidatorIsDroppedAndNoted() {
        let tracker = tracker(after: ["HTTP/1.1 200 OK", "ETag: \"a\u{0B}b\"", "Last-Modified: Tue, 03 Jun 2025 10:00:00 GMT", ""])
        #expect(tracker.etag == nil)
        #expect(tracker.lastModified == "Tue, 03 Jun 2025 10:00:00 GMT")
        #expect(tracker.droppedValidators.map(\.field) == ["ETag"])
        #expect(tracker.droppedValidators.map(\.value) == ["\"a\u{0B}b\""])
    }

    @Test("The Content-Language of the last response is kept for the parser, a redirect's forgotten with it")
    func contentLanguageOfTheLastResponse() {
        let redirected = tracker(after: ["HTTP/1.1 301 Moved", "Location: /fr", "Content-Language: en", "", "HTTP/1.1 200 OK", ""])
        #expect(redirected.contentLanguage == nil)
        let answered = tracker(after: ["HTTP/1.1 200 OK", "Content-Language: fr-FR, en", ""])
        #expect(answered.contentLanguage == "fr-FR, en")
    }

    @Test("What was dropped from a redirect response is forgotten with it")
    func droppedValidatorsOfARedirectAreForgotten() {
        let tracker = tracker(after: [
            "HTTP/1.1 302 Found", "Location: /elsewhere", "ETag: \"a\u{2028}b\"", "",
            "HTTP/1.1 200 OK", "ETag: W/\"v2\"", "",
        ])
        #expect(tracker.etag == "W/\"v2\"")
        #expect(tracker.droppedValidators.isEmpty)
    }

    @Test("Repeated Cache-Control fields are read together, and those of a redirect response are forgotten with it")
    func cacheControlOfTheLastResponse() {
        let tracker = tracker(after: [
            "HTTP/1.1 302 Found", "Location: /elsewhere", "Cache-Control: max-age=5", "Expires: 0", "",
            "HTTP/1.1 200 OK", "Cache-Control: public", "cache-control: max-age=600", "Date: Sun, 06 Nov 1994 08:49:37 GMT", "",
        ])
        #expect(tracker.cacheControl == "public, max-age=600")
        #expect(tracker.expires == nil)
        #expect(tracker.date == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test("Field names are read without regard to case, values without the white space around them, other fields ignored")
    func fieldNamesAndValues() {
        let tracker = tracker(after: [
            "HTTP/2 200", "eTaG:\t \"v1\"  ", "CONTENT-TYPE: application/rss+xml; charset=utf-8", "X-ETag: \"other\"",
            "Content-Typo: text/plain", "",
        ])
        #expect(tracker.status == 200)
        #expect(tracker.etag == "\"v1\"")
        #expect(tracker.contentType == "application/rss+xml; charset=utf-8")
    }
}
