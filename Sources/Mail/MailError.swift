/// Why a message could not be built: the field at fault and what is wrong with it.
public struct MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The header or setting at fault (`To`, `Subject`, `smtp.from`…).
    public let field: String
    /// What is wrong, in plain words.
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
