import Matching
import Synchronization

/// A matcher compiled the first time it is asked for, then kept.
///
/// Compiling a thousand profiles costs as much as a pass in which every source answers 304 and nothing
/// needs matching: such a pass, and a configuration reloaded but not yet used, compile nothing.
public final class MatcherOnDemand: Sendable {
    private let compile: @Sendable () -> Matcher
    private let compiled = Mutex<Matcher?>(nil)

    /// - Parameter compile: called at most once, by the first caller of ``matcher``; the others wait for it.
    public init(_ compile: @escaping @Sendable () -> Matcher) {
        self.compile = compile
    }

    /// The matcher, compiled now if this is the first time.
    public var matcher: Matcher {
        compiled.withLock { compiled in
            if let compiled { return compiled }
            let matcher = compile()
            compiled = matcher
            return matcher
        }
    }

    /// Whether ``matcher`` has been compiled yet.
    public var isCompiled: Bool {
        compiled.withLock { $0 != nil }
    }
}
