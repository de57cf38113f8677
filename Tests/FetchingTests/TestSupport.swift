import Dispatch
import Fetching
import Foundation
import LoopbackHTTP

/// Limits for tests: nothing can hang for long. No delay between requests to one host, which the tests
/// of the delay set themselves: the others are about something else and fetch from one loopback host.
let testLimits = FetchLimits(userAgent: "veilleur-tests", connectTimeout: .seconds(5), totalTimeout: .seconds(10), minHostDelay: .zero)

/// Runs `body` with a fresh loopback server and fetcher, both stopped afterwards.
func withLoopback<T>(
    limits: FetchLimits = testLimits,
    _ handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse,
    _ body: (LoopbackServer, HTTPFetcher) async throws -> T
) async throws -> T {
    let server = try LoopbackServer(handler: handler)
    let fetcher = HTTPFetcher(limits: limits)
    defer {
        fetcher.shutdown()
        server.stop()
    }
    return try await body(server, fetcher)
}

/// `bytes` compressed by the system gzip, so tests use an encoder independent of libcurl.
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-gzip-\(UUID().uuidString)")
    try Data(bytes).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", "-n", input.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let compressed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(compressed)
}
