import Foundation
import Synchronization
import Testing
@testable import veilleur

/// The progress line's frames, its pace and what it leaves on the terminal, driven by a fake clock.
@Suite struct ProgressLineTests {
    /// What a terminal received, and a clock the test moves.
    final class Fixture: Sendable {
        let terminal = Recorder()
        let now = Mutex<Duration>(.zero)

        func line(colours: Bool = false, columns: Int = 200) -> ProgressLine {
            ProgressLine(
                title: "crawl", colours: colours, output: terminal.output, elapsed: { self.now.withLock { $0 } }, columns: { columns })
        }

        var text: String { terminal.text }
        var frames: Int { text.components(separatedBy: "\u{1B}[K").count - 1 }
    }

    static func snapshot(done: Int, total: Int = 2000, failed: Int = 0) -> ProgressSnapshot {
        ProgressSnapshot(
            done: done, total: total, unit: "sources",
            counters: [.init(count: done / 2, label: "new items"), .init(count: failed, label: "failed", alarming: true)])
    }

    @Test("a frame shows done/total with the percentage, the counters, the rate and the time left")
    func frameText() {
        let text = ProgressLine.render(Self.snapshot(done: 500, failed: 3), title: "crawl", elapsed: .seconds(20), colours: false, width: 200)
        #expect(text == "crawl 500/2000 sources (25%) · 250 new items · 3 failed · 25/s · 1:00 left")
    }

    @Test("before anything is done there is no rate nor time left")
    func firstFrame() {
        let text = ProgressLine.render(Self.snapshot(done: 0), title: "crawl", elapsed: .zero, colours: false, width: 200)
        #expect(text == "crawl 0/2000 sources (0%) · 0 new items · 0 failed")
    }

    @Test("with colours the title is bold and only a non-zero alarming counter is red")
    func colours() {
        let failing = ProgressLine.render(Self.snapshot(done: 10, failed: 2), title: "crawl", elapsed: .seconds(1), colours: true, width: 200)
        #expect(failing.contains("\u{1B}[1mcrawl\u{1B}[0m"))
        #expect(failing.contains("\u{1B}[31m2 failed\u{1B}[0m"))
        let clean = ProgressLine.render(Self.snapshot(done: 10), title: "crawl", elapsed: .seconds(1), colours: true, width: 200)
        #expect(!clean.contains("\u{1B}[31m"))
    }

    @Test("a frame fits the width: the figures that do not fit are left out from the end", arguments: [20, 40, 60, 79])
    func fitsTheWidth(width: Int) {
        let text = ProgressLine.render(Self.snapshot(done: 1234, failed: 12), title: "crawl", elapsed: .seconds(35), colours: false, width: width)
        #expect(text.count <= width, "\(text)")
        #expect(text.hasPrefix("crawl 1234/2000"))
    }

    @Test("a typical crawl's frame, time left included, fits an 80-column terminal")
    func typicalFrameFitsEightyColumns() {
        let text = ProgressLine.render(Self.snapshot(done: 1234, failed: 12), title: "crawl", elapsed: .seconds(35), colours: false, width: 79)
        #expect(text.hasSuffix(" left"), "\(text)")
    }

    @Test("time left reads m:ss, and h:mm:ss from an hour", arguments: [(0.2, "0:01"), (59, "0:59"), (61, "1:01"), (3725, "1:02:05")])
    func clock(seconds: Double, expected: String) {
        #expect(ProgressLine.clock(seconds) == expected)
    }

    @Test("updates within the interval draw nothing; the first, the next after the interval and the last are drawn")
    func throttled() {
        let fixture = Fixture()
        let line = fixture.line()
        line.update(Self.snapshot(done: 0, total: 100))
        for done in 1...50 { line.update(Self.snapshot(done: done, total: 100)) }
        #expect(fixture.frames == 1)
        fixture.now.withLock { $0 = ProgressLine.interval }
        line.update(Self.snapshot(done: 51, total: 100))
        line.update(Self.snapshot(done: 52, total: 100))
        #expect(fixture.frames == 2)
        line.update(Self.snapshot(done: 100, total: 100))
        #expect(fixture.frames == 3)
        #expect(fixture.text.hasSuffix("\rcrawl 100/100 sources (100%) · 50 new items · 0 failed · 500/s · 0:00 left\u{1B}[K"), "\(fixture.text.debugDescription)")
    }

    @Test("finish clears the line once and later updates draw nothing")
    func finishClears() {
        let fixture = Fixture()
        let line = fixture.line()
        line.update(Self.snapshot(done: 1, total: 10))
        line.finish()
        line.finish()
        line.update(Self.snapshot(done: 10, total: 10))
        #expect(fixture.text.hasSuffix("\u{1B}[K\r\u{1B}[K"))
        #expect(fixture.text.components(separatedBy: "\r\u{1B}[K").count == 2)
    }
}

/// Records what is written to a ``StandardError``.
final class Recorder: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    var output: StandardError {
        StandardError { written in self.bytes.withLock { $0 += written } }
    }

    var text: String { bytes.withLock { String(decoding: $0, as: UTF8.self) } }
}

/// Log lines and the progress line share standard error without garbling each other.
@Suite struct StandardErrorTests {
    @Test("a line written while a progress line is shown clears it, then draws it again below")
    func lineAroundTheProgress() {
        let terminal = Recorder()
        let output = terminal.output
        output.writeLine("before")
        output.show("3/10")
        output.writeLine("ts=… level=warning")
        output.clear()
        output.writeLine("after")
        #expect(terminal.text == "before\n\r3/10\u{1B}[K\r\u{1B}[Kts=… level=warning\n\r3/10\u{1B}[K\r\u{1B}[Kafter\n")
    }
}

/// Whether a progress line and colours are used, from what standard error is and the environment.
@Suite struct TerminalTraitsTests {
    @Test("progress and colours on a terminal; NO_COLOR set and not empty drops the colours only", arguments: [
        ([:], true, true), (["NO_COLOR": ""], true, true), (["NO_COLOR": "1"], true, false), (["TERM": "dumb"], false, false),
    ])
    func onATerminal(environment: [String: String], progress: Bool, colours: Bool) {
        let traits = TerminalTraits(isTerminal: true, environment: environment)
        #expect(traits.showsProgress == progress)
        #expect(traits.colours == colours)
    }

    @Test("neither progress nor colours when standard error is not a terminal")
    func notATerminal() {
        #expect(TerminalTraits(isTerminal: false, environment: [:]) == TerminalTraits(isTerminal: false, environment: ["NO_COLOR": ""]))
        #expect(!TerminalTraits(isTerminal: false, environment: [:]).showsProgress)
        #expect(!TerminalTraits(isTerminal: false, environment: [:]).colours)
    }
}
