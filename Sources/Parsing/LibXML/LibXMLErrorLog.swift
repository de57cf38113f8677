import CLibXML2

/// Collects what libxml2 reports while one document is parsed, instead of letting it reach stderr.
///
/// libxml2 2.9 keeps the structured error handler in per-thread global state, so `capture` installs
/// it, runs the parse synchronously on the same thread and restores the previous handler; nothing
/// may suspend in between.
final class LibXMLErrorLog {
    /// What libxml2 said about one error, and where.
    typealias Entry = (line: Int?, column: Int?, message: String)

    /// The first error (not warning) reported, with its position.
    var firstError: Entry? { first.map(Self.collapsed) }
    /// Whether any error (not warning) was reported.
    var hasError: Bool { first != nil }
    /// The first of the errors reported at the last place any was: when the parser stops, the cause
    /// comes first there and the "premature end" errors it leads to follow at the same place.
    var stoppingError: Entry? { stopping.map(Self.collapsed) }
    /// The first failure to decode the input: libxml2 2.9 never reads the bytes after one.
    var decodingError: Entry? { decoding.map(Self.collapsed) }

    /// The last XPath error: libxml2's reason and where in its expression, in bytes from its start.
    private(set) var xpathError: (message: String, offset: Int)?

    // Messages are kept as libxml2 wrote them and tidied when read: a malformed document can raise an
    // error per byte, and tidying each one cost more than the parse.
    private var first: Entry?
    private var stopping: Entry?
    private var decoding: Entry?

    /// Runs `body` with this thread's libxml2 errors recorded into a fresh log.
    static func capture<Result>(_ body: (LibXMLErrorLog) -> Result) -> Result {
        LibXMLOptions.initialized
        let log = LibXMLErrorLog()
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(log).toOpaque()) { context, error in
            guard let context, let error else { return }
            Unmanaged<LibXMLErrorLog>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return withExtendedLifetime(log) { body(log) }
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        if error.domain == Int32(XML_FROM_XPATH.rawValue) {
            xpathError = (error.message.map { String(cString: $0) } ?? "invalid XPath expression", Int(error.int1))
        }
        let line = error.line > 0 ? Int(error.line) : nil
        let column = error.int2 > 0 ? Int(error.int2) : nil
        let isDecoding = decoding == nil && error.domain == Int32(XML_FROM_I18N.rawValue)
        let isStopping = stopping?.line != line || stopping?.column != column
        guard first == nil || isDecoding || isStopping else { return }
        let entry: Entry = (line, column, error.message.map { String(cString: $0) } ?? "unknown libxml2 error")
        if first == nil { first = entry }
        if isDecoding { decoding = entry }
        if isStopping { stopping = entry }
    }

    private static func collapsed(_ entry: Entry) -> Entry {
        (entry.line, entry.column, PlainTextBuilder.collapse(entry.message))
    }
}
