import CLibXML2

/// One XPath 1.0 expression compiled by libxml2, owned until this value is released.
///
/// Not `Sendable`: a compiled expression is used by the parse that compiled it, on its thread.
final class XPathExpression {
    let text: String
    let compiled: xmlXPathCompExprPtr

    /// Compiles `text`; throws libxml2's reason when it cannot. Call inside `LibXMLErrorLog.capture`.
    init(_ text: String, log: LibXMLErrorLog) throws(XPathSyntaxError) {
        LibXMLOptions.initialized
        guard text.utf8.count <= XPathSyntaxError.maximumLength else {
            throw XPathSyntaxError(expression: text, reason: "the expression is longer than \(XPathSyntaxError.maximumLength) bytes")
        }
        guard let compiled = xmlXPathCompile(text) else {
            throw XPathSyntaxError(
                expression: text, reason: log.xpathError?.message ?? "not an XPath 1.0 expression",
                offset: log.xpathError.map { Self.scalarOffset(ofByte: $0.offset, in: text) })
        }
        self.text = text
        self.compiled = compiled
    }

    deinit { xmlXPathFreeCompExpr(compiled) }

    /// Why `text` is not an XPath 1.0 expression libxml2 can evaluate, or nil when it is.
    static func problem(with text: String) -> XPathSyntaxError? {
        LibXMLErrorLog.capture { log -> XPathSyntaxError? in
            do throws(XPathSyntaxError) {
                _ = try XPathExpression(text, log: log)
                return nil
            } catch {
                return error
            }
        }
    }

    /// The number of Unicode scalars in the first `byte` bytes of `text`.
    private static func scalarOffset(ofByte byte: Int, in text: String) -> Int {
        let utf8 = text.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: min(max(0, byte), utf8.count))
        return text.unicodeScalars[..<end].count
    }
}

/// An XPath expression libxml2 cannot compile, with its reason and where libxml2 stopped.
public struct XPathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Longest expression accepted: a selector is a line, not a program.
    public static let maximumLength = 2048

    /// The expression as written.
    public var expression: String
    /// libxml2's reason, such as `Invalid predicate`.
    public var reason: String
    /// Where libxml2 stopped, in Unicode scalars from the start of the expression, when it said.
    public var offset: Int?

    init(expression: String, reason: String, offset: Int? = nil) {
        self.expression = expression
        self.reason = PlainTextBuilder.collapse(reason)
        self.offset = offset
    }

    /// The reason, and the column of the expression where libxml2 stopped.
    public var description: String {
        guard let offset else { return reason }
        return "\(reason) at character \(offset + 1)"
    }
}

/// Checks selectors without reading a page, for `veilleur check`.
public enum XPathCheck {
    /// Why `expression` cannot be used as a selector, or nil when libxml2 compiles it.
    public static func problem(with expression: String) -> XPathSyntaxError? {
        XPathExpression.problem(with: expression)
    }
}
