import Foundation
import LoopbackHTTP
import Testing
@testable import Fetching

@Suite struct RetryAfterTests {
    @Test func secondsAreReadAsTheyAre() {
        #expect(RetryAfter.seconds(from: " 120 ") == 120)
        #expect(RetryAfter.seconds(from: "-5") == nil)
    }

    @Test func anHTTPDateIsCountedFromNow() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 09:49:37 GMT", now: now) == 3600)
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 07:49:37 GMT", now: now) == 0)
        #expect(RetryAfter.seconds(from: "soon", now: now) == nil)
    }

    @Test func aServerAskingToWaitSaysHowLongInTheError() async throws {
        let result = try await withLoopback({ _ in
            HTTPResponse(status: 429, headers: ["Retry-After": "7200"], body: Array("slow down".utf8))
        }) { server, fetcher in
            await fetcher.fetch(FetchRequest(url: server.baseURL + "/feed"))
        }
        #expect(result.error?.kind == .httpStatus(429))
        #expect(result.error?.retryAfter == 7200)
    }
}
