/// Something in the digests directory that veilleur did not write there and leaves alone: a symbolic link,
/// a folder dated after today, a stray file. It is neither read nor copied nor listed; the caller logs it.
public struct DigestTreeIssue: Sendable, Equatable, CustomStringConvertible {
    /// The entry concerned.
    public var path: String
    /// What is wrong with it, in words.
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        "\(path): \(problem)"
    }
}
