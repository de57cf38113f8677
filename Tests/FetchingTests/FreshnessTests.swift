import Foundation
import LoopbackHTTP
import Testing
@testable import Fetching

@Suite struct FreshnessTests {
    static let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test(
        "Cache-Control max-age is read leniently but never trusted beyond what it can mean",
        arguments: [
            ("max-age=600", 600.0),
            ("public, MAX-AGE=\"900\"", 900),
            ("max-age=600, max-age=60", 600),
            ("no-cache, max-age=600", nil),
            ("no-store", nil),
            ("max-age=-5", nil),
            ("max-age=0", nil),
            ("max-age=ten", nil),
            ("max-age", nil),
            ("max-age=99999999999999999999", 365 * 86_400),
            ("max-age=999999999", 365 * 86_400),
            ("private", nil),
        ] as [(String, TimeInterval?)])
    func maxAge(value: String, expected: TimeInterval?) {
        #expect(Freshness.lifetime(cacheControl: value, expires: nil, date: nil, now: Self.now) == expected)
    }

    @Test(
        "Expires counts from the response's Date, or from now without a readable one",
        arguments: [
            ("Sun, 06 Nov 1994 09:49:37 GMT", "Sun, 06 Nov 1994 09:19:37 GMT", 1800.0),
            ("Sun, 06 Nov 1994 09:49:37 GMT", nil, 3600),
            ("Sun, 06 Nov 1994 09:49:37 GMT", "yesterday", 3600),
            ("Sun, 06 Nov 1994 07:49:37 GMT", nil, nil),
            ("0", nil, nil),
            ("Sun, 06 Nov 2094 09:49:37 GMT", nil, 365 * 86_400),
        ] as [(String, String?, TimeInterval?)])
    func expires(expires: String, date: String?, expected: TimeInterval?) {
        #expect(Freshness.lifetime(cacheControl: nil, expires: expires, date: date, now: Self.now) == expected)
    }

    @Test("max-age wins over Expires")
    func maxAgeWinsOverExpires() {
        let lifetime = Freshness.lifetime(
            cacheControl: "max-age=60", expires: "Sun, 06 Nov 1994 09:49:37 GMT", date: nil, now: Self.now)
        #expect(lifetime == 60)
    }

    @Test("a response's freshness lifetime reaches the caller, repeated Cache-Control fields included")
    func lifetimeReachesTheCaller() async throws {
        let result = try await withLoopback({ _ in
            HTTPResponse(status: 200, headers: ["Cache-Control": "public, max-age=1200"], body: Array("feed".utf8))
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/feed"))
        }
        #expect(result.response?.freshnessLifetime == 1200)
    }
}
