import Testing
@testable import Fetching

@Suite struct ResponseHeaderTrackerTests {
    private func tracker(after lines: [String]) -> ResponseHeaderTracker {
        var tracker = ResponseHeaderTracker(requestedURL: "http://example.org/feed")
        for line in lines {
            tracker.consume(line + "\r\n")
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

    @Test("What was dropped from a redirect response is forgotten with it")
    func droppedValidatorsOfARedirectAreForgotten() {
        let tracker = tracker(after: [
            "HTTP/1.1 302 Found", "Location: /elsewhere", "ETag: \"a\u{2028}b\"", "",
            "HTTP/1.1 200 OK", "ETag: W/\"v2\"", "",
        ])
        #expect(tracker.etag == "W/\"v2\"")
        #expect(tracker.droppedValidators.isEmpty)
    }
}
