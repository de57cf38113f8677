import Foundation

/// Whether a processor is free for a second thread at this moment: the items of a large feed mapped on a
/// second thread shorten the parse only when that thread has a core to itself; sharing one with the parse or
/// another program, it only adds the work of handing items over (measured: 0.30 s instead of 0.37 s for a
/// 50 MB feed, on two cores with one taken by another program).
enum SpareProcessor {
    /// Best effort: the runnable threads the kernel counts right now (`/proc/loadavg`), this one included,
    /// against the processors the system has. This process's other threads count too (the read-ahead of
    /// small files): when one runs, the answer errs towards no, and the parse stays on one thread, as it was.
    /// True when the count cannot be read and there are several processors.
    static func isFree() -> Bool {
        let processors = ProcessInfo.processInfo.activeProcessorCount
        guard processors > 1 else { return false }
        guard let line = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return true }
        return isFree(loadAverage: line, processors: processors)
    }

    /// Reads the fourth field of a `/proc/loadavg` line, `running/total`.
    static func isFree(loadAverage line: String, processors: Int) -> Bool {
        let fields = line.split(separator: " ")
        guard fields.count >= 4, let slash = fields[3].firstIndex(of: "/"), let running = Int(fields[3][..<slash]) else {
            return processors > 1
        }
        return running < processors
    }
}
