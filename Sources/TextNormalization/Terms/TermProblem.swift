/// Why a term of a profile can never match, found before any item is read.
public struct TermProblem: Error, Sendable, Equatable {
    /// What is wrong and how to fix it.
    public var message: String
    /// Where in the term's text the problem is, in Unicode scalars from its start, when it is at one place.
    public var offset: Int?

    /// Creates a problem.
    public init(message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }
}
