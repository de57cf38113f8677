/// A request waiting for, or in, a transfer slot, with the continuation its caller awaits.
struct FetchJob: Sendable {
    let request: FetchRequest
    let continuation: CheckedContinuation<FetchResult, Never>
}
