import Synchronization

/// The documents of a crawl pass that are parsed and matched, waiting for the task that records them: a
/// bounded channel from the tasks of the sources to the recording task.
///
/// A task handing over a document while `capacity` documents wait is suspended until the recorder takes
/// them; it hands over while it still holds its transfer slot, so no further transfer starts meanwhile
/// and the documents in memory stay within `capacity` plus the transfers in flight, however slowly the
/// store records.
final class ReadyDocuments<Document: Sendable>: Sendable {
    private struct Handover {
        var document: Document
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var documents: [Document] = []
        /// Handovers waiting for room, oldest first.
        var handovers: [Handover] = []
        var recorder: CheckedContinuation<[Document], Never>?
        var limit = 0
        var closed = false
    }

    private enum PutOutcome {
        /// The document is in; the recorder, if it was waiting, is to be handed this batch.
        case accepted(CheckedContinuation<[Document], Never>?, [Document])
        case refused
        case waiting
    }

    /// Most documents waiting; a handover beyond them waits.
    let capacity: Int
    private let state = Mutex(State())
    private let onFull: @Sendable () -> Void

    /// - Parameter onFull: called, outside the lock, each time a handover has to wait for room.
    init(capacity: Int, onFull: @escaping @Sendable () -> Void = {}) {
        self.capacity = max(1, capacity)
        self.onFull = onFull
    }

    /// Hands `document` to the recorder, once fewer than `capacity` documents wait; false if the channel
    /// was closed first, when the document is dropped.
    func put(_ document: Document) async -> Bool {
        await withCheckedContinuation { continuation in
            let outcome = state.withLock { state -> PutOutcome in
                if state.closed { return .refused }
                guard state.documents.count < capacity, state.handovers.isEmpty else {
                    state.handovers.append(Handover(document: document, continuation: continuation))
                    return .waiting
                }
                state.documents.append(document)
                guard let recorder = state.recorder else { return .accepted(nil, []) }
                state.recorder = nil
                return .accepted(recorder, take(state.limit, from: &state).taken)
            }
            switch outcome {
            case .refused: continuation.resume(returning: false)
            case .waiting: onFull()
            case .accepted(let recorder, let batch):
                recorder?.resume(returning: batch)
                continuation.resume(returning: true)
            }
        }
    }

    /// Removes and returns the oldest `limit` documents, those waiting for room included; suspends until
    /// there is one. Empty once the channel is closed and drained.
    func nextBatch(_ limit: Int) async -> [Document] {
        await withCheckedContinuation { continuation in
            let (batch, admitted) = state.withLock { state -> ([Document]?, [CheckedContinuation<Bool, Never>]) in
                guard state.documents.isEmpty, state.handovers.isEmpty, !state.closed else {
                    let (taken, admitted) = take(limit, from: &state)
                    return (taken, admitted)
                }
                state.recorder = continuation
                state.limit = limit
                return (nil, [])
            }
            for handover in admitted { handover.resume(returning: true) }
            if let batch { continuation.resume(returning: batch) }
        }
    }

    /// Refuses every later handover and those waiting, and ends the recorder's wait once the documents
    /// already accepted are taken.
    func close() {
        let (recorder, refused) = state.withLock { state in
            state.closed = true
            let refused = state.handovers.map(\.continuation)
            state.handovers.removeAll()
            let recorder = state.documents.isEmpty ? state.recorder : nil
            if recorder != nil { state.recorder = nil }
            return (recorder, refused)
        }
        for handover in refused { handover.resume(returning: false) }
        recorder?.resume(returning: [])
    }

    /// Takes up to `limit` documents, then as many waiting handovers, and moves waiting handovers into
    /// the room left; returns the continuations of every handover taken or moved, to resume.
    private func take(_ limit: Int, from state: inout State) -> (taken: [Document], admitted: [CheckedContinuation<Bool, Never>]) {
        var taken = Array(state.documents.prefix(limit))
        state.documents.removeFirst(taken.count)
        let direct = min(limit - taken.count, state.handovers.count)
        let room = min(direct + capacity - state.documents.count, state.handovers.count)
        taken += state.handovers.prefix(direct).map(\.document)
        state.documents += state.handovers[direct..<room].map(\.document)
        let admitted = state.handovers.prefix(room).map(\.continuation)
        state.handovers.removeFirst(room)
        return (taken, admitted)
    }
}
