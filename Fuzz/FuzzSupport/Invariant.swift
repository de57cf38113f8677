/// Stops the fuzzer on a broken invariant: libFuzzer saves the input that broke it as a crash file.
public enum Invariant {
    /// Traps with `message` when `condition` is false; the message names the invariant and the value.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }
}
