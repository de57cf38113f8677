/// Where two values' descriptions first differ, for an invariant message that says what changed.
public enum Difference {
    public static func describe<T>(_ first: T, _ second: T) -> String {
        let a = Array(String(describing: first).unicodeScalars)
        let b = Array(String(describing: second).unicodeScalars)
        var index = 0
        while index < a.count, index < b.count, a[index] == b[index] { index += 1 }
        let start = max(0, index - 60)
        func excerpt(_ scalars: [Unicode.Scalar]) -> String {
            String(String.UnicodeScalarView(scalars[min(start, scalars.count)..<min(scalars.count, index + 60)])).debugDescription
        }
        return "first: …\(excerpt(a))… second: …\(excerpt(b))…"
    }
}
