import CLibXML2

/// Collects what libxml2 reports while one document is parsed, instead of letting it reach stderr.
///
/// libxml2 2.9 keeps the structured error handler in per-thread global state, so `capture` installs
/// it, runs the parse synchronously on the same thread and restores the previous handler; nothing
/// may suspend in between.
final class LibXMLErrorLog {
    /// The first error (not warning) reported, with its position.
    private(set) var firstError: (line: Int?, column: Int?, message: String)?

    /// Runs `body` with this thread's libxml2 errors recorded into a fresh log.
    static func capture<Result>(_ body: (LibXMLErrorLog) -> Result) -> Result {
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
        guard firstError == nil else { return }
        let message = error.message.map { PlainTextBuilder.collapse(String(cString: $0)) } ?? "unknown libxml2 error"
        firstError = (error.line > 0 ? Int(error.line) : nil, error.int2 > 0 ? Int(error.int2) : nil, message)
    }
}
