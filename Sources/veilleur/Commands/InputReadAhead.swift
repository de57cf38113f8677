import Dispatch
import Foundation
import Synchronization

/// The inputs of `parse` in order, those named as arguments and then those of the list, with the small files
/// among them read ahead on a thread of their own: finding, opening and reading the next files of a long list
/// then overlaps parsing this one instead of following it (it was a fifth of a corpus run of small feeds).
///
/// At most `maxEntriesAhead` entries wait, each file below `readAheadLimit`, so that what is read ahead stays
/// bounded; larger files and URLs are read by the parse itself, as before. The list is read on that thread
/// too, its problems handed over in their place among the entries.
final class InputReadAhead: Sendable {
    /// One input, or a line of the list that cannot be taken.
    enum Entry: Sendable {
        /// An http(s) URL to fetch and parse.
        case url(String)
        /// A file to parse, by its path as given.
        case file(String, File)
        case listProblem(InputListError)
    }

    /// What is known of a file before it is parsed.
    struct File: Sendable {
        /// Its `file:` URL, the base of its relative links.
        var url: String
        /// Its bytes, or why it cannot be read, when it was read ahead; nil when it is left to the parse.
        var readAhead: Result<[UInt8], InputFileError>?
    }

    /// Entries read and not yet taken, at most; once there are that many, reading resumes when half are taken.
    static let maxEntriesAhead = 64
    /// Files from this size on are left to the parse: a few of them already cost more than the system calls
    /// that reading ahead saves, and mapping them (`InputFile.withContents`) beats copying them.
    static let readAheadLimit = 64 * 1024

    /// Each side sleeps only when it must (nothing to take, no room left) and the other wakes it only then:
    /// waking the reader for every entry taken cost more than reading the files.
    private struct State {
        var entries: [Entry] = []
        var taken = 0
        var finished = false
        var parseWaits = false
        var readerWaits = false

        var waiting: Int { entries.count - taken }
    }

    private let state = Mutex(State())
    private let entryArrived = DispatchSemaphore(value: 0)
    private let roomMade = DispatchSemaphore(value: 0)

    /// Starts reading `inputs` then the list at `listPath` (`-` for standard input), when there is one.
    init(inputs: [String], listPath: String?) {
        Thread.detachNewThread { [self] in
            for input in inputs { hand(entry(for: input)) }
            if let listPath { readList(at: listPath) }
            let wake = state.withLock { state in
                state.finished = true
                defer { state.parseWaits = false }
                return state.parseWaits
            }
            if wake { entryArrived.signal() }
        }
    }

    /// The next entry, waiting for it to be read; nil once there are no more.
    func next() -> Entry? {
        while true {
            enum Step { case entry(Entry, wakeReader: Bool), end, wait }
            let step: Step = state.withLock { state in
                guard state.waiting > 0 else {
                    if state.finished { return .end }
                    state.parseWaits = true
                    return .wait
                }
                let entry = state.entries[state.taken]
                state.taken += 1
                // Entries taken (and the bytes they hold) are dropped a few at a time, rather than shifted out one by one.
                if state.taken >= Self.maxEntriesAhead / 2 || state.waiting == 0 {
                    state.entries.removeFirst(state.taken)
                    state.taken = 0
                }
                let wake = state.readerWaits && state.waiting <= Self.maxEntriesAhead / 2
                if wake { state.readerWaits = false }
                return .entry(entry, wakeReader: wake)
            }
            switch step {
            case .entry(let entry, let wakeReader):
                if wakeReader { roomMade.signal() }
                return entry
            case .end:
                return nil
            case .wait:
                entryArrived.wait()
            }
        }
    }

    private func readList(at path: String) {
        do throws(InputListError) {
            var list = try InputList(path: path)
            while true {
                do throws(InputListError) {
                    guard let input = try list.next() else { return }
                    hand(entry(for: input))
                } catch {
                    hand(.listProblem(error))
                }
            }
        } catch {
            hand(.listProblem(error))
        }
    }

    private func hand(_ entry: Entry) {
        let (wakeParse, full) = state.withLock { state in
            state.entries.append(entry)
            let wake = state.parseWaits
            state.parseWaits = false
            state.readerWaits = state.waiting >= Self.maxEntriesAhead
            return (wake, state.readerWaits)
        }
        if wakeParse { entryArrived.signal() }
        if full { roomMade.wait() }
    }

    private func entry(for input: String) -> Entry {
        guard !ParseCommand.isURL(input) else { return .url(input) }
        // Told it is a file, so that making the URL does not ask the file system a second time.
        let url = URL(fileURLWithPath: input, isDirectory: false).absoluteString
        do throws(InputFileError) {
            let bytes = try InputFile.contents(of: input, below: Self.readAheadLimit)
            return .file(input, File(url: url, readAhead: bytes.map { .success($0) }))
        } catch {
            return .file(input, File(url: url, readAhead: .failure(error)))
        }
    }
}
