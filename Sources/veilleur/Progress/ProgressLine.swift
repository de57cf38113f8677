import Foundation
import Synchronization

/// The live line on a terminal that says how far a long command has got: done/total, its counters, the
/// rate and the time left, redrawn in place on standard error.
///
/// Redraws are throttled to one per ``interval`` (the first and the last state are always drawn), so a
/// crawl recording a thousand sources a second costs a few writes, not a thousand. It is only made when
/// standard error is a terminal (see ``ProgressOptions``); a command calls ``finish()`` before it prints
/// its result, which clears the line.
final class ProgressLine: Sendable {
    /// The shortest time between two redraws.
    static let interval: Duration = .milliseconds(200)

    private struct State {
        var lastDraw: Duration?
        var finished = false
    }

    private let title: String
    private let colours: Bool
    private let output: StandardError
    private let elapsed: @Sendable () -> Duration
    private let columns: @Sendable () -> Int
    private let state = Mutex(State())

    /// - Parameters:
    ///   - title: the command, first on the line.
    ///   - elapsed: time since the work began; the rate and the time left are measured with it.
    ///   - columns: the terminal's width now; the line is cut to fit, since a wrapped line cannot be redrawn.
    init(
        title: String, colours: Bool, output: StandardError = .shared,
        elapsed: @escaping @Sendable () -> Duration, columns: @escaping @Sendable () -> Int = TerminalTraits.columns
    ) {
        self.title = title
        self.colours = colours
        self.output = output
        self.elapsed = elapsed
        self.columns = columns
    }

    /// A line whose clock starts now.
    convenience init(title: String, colours: Bool) {
        let start = ContinuousClock.now
        self.init(title: title, colours: colours, elapsed: { .now - start })
    }

    /// Draws `snapshot` unless the line was drawn less than ``interval`` ago; the final state, where
    /// everything is done, is always drawn.
    func update(_ snapshot: ProgressSnapshot) {
        let now = elapsed()
        let draw = state.withLock { state in
            guard !state.finished else { return false }
            if let last = state.lastDraw, now - last < Self.interval, snapshot.done < snapshot.total { return false }
            state.lastDraw = now
            return true
        }
        guard draw else { return }
        output.show(Self.render(snapshot, title: title, elapsed: now, colours: colours, width: columns() - 1))
    }

    /// Clears the line for good; later updates draw nothing.
    func finish() {
        state.withLock { $0.finished = true }
        output.clear()
    }

    /// The text of one frame: `crawl 120/2000 sources (6%) · 45 new items · 2 failed · 40/s · 0:48 left`,
    /// at most `width` characters shown; counters and figures that do not fit are left out from the end.
    static func render(_ snapshot: ProgressSnapshot, title: String, elapsed: Duration, colours: Bool, width: Int) -> String {
        let percent = snapshot.total > 0 ? " (\(snapshot.done * 100 / snapshot.total)%)" : ""
        var segments = [
            Segment(text: title, style: colours ? "1" : nil),
            Segment(text: "\(snapshot.done)/\(snapshot.total) \(snapshot.unit)\(percent)"),
        ]
        for counter in snapshot.counters {
            segments.append(Segment(text: "\(counter.count) \(counter.label)", style: colours && counter.alarming && counter.count > 0 ? "31" : nil))
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if snapshot.done > 0, seconds > 0 {
            let rate = Double(snapshot.done) / seconds
            segments.append(Segment(text: rate < 10 ? String(format: "%.1f/s", rate) : "\(Int(rate.rounded()))/s"))
            segments.append(Segment(text: "\(clock(Double(max(0, snapshot.total - snapshot.done)) / rate)) left"))
        }
        var line = ""
        var shown = 0
        for (index, segment) in segments.enumerated() {
            let separator = index == 0 ? "" : index == 1 ? " " : " · "
            guard shown + separator.count + segment.text.count <= width else {
                if index <= 1 { line += String((separator + segment.text).prefix(max(0, width - shown))) }
                break
            }
            shown += separator.count + segment.text.count
            line += separator + segment.styled
        }
        return line
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest)
            : String(format: "%d:%02d", minutes, rest)
    }

    /// A piece of the line, with its SGR style when colours are on.
    private struct Segment {
        var text: String
        var style: String? = nil

        var styled: String {
            guard let style else { return text }
            return "\u{1B}[\(style)m\(text)\u{1B}[0m"
        }
    }
}
