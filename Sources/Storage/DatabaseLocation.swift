import Foundation
import Model

/// Where veilleur's store lives: a SQLite file or a PostgreSQL server.
///
/// Written as text in `--database`, `VEILLEUR_DATABASE_URL` or `database:` of `veilleur.yaml`:
/// - `sqlite:PATH` (or `sqlite:///ABSOLUTE/PATH`): a SQLite file; a relative PATH is resolved against a
///   folder the caller names (the current directory for the command line, the configuration folder for
///   `veilleur.yaml`).
/// - `postgresql://…` or `postgres://…`: a PostgreSQL server, kept as written; the PostgreSQL backend
///   reads the rest of the URL.
///
/// A bare path is refused rather than taken for a SQLite file: a mistyped scheme (`postgresq://…`,
/// `mysql://…`) would otherwise quietly create a file named after it.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file, its path absolute.
    case sqlite(path: String)
    /// A PostgreSQL server, its URL as written (password included: show ``description`` instead).
    case postgresql(url: String)

    /// Longest location accepted, in UTF-8 bytes: far beyond a real path or URL, short enough to show.
    public static let maximumLength = 4096

    /// The prefix of a SQLite location.
    public static let sqliteScheme = "sqlite:"
    /// The schemes of a PostgreSQL location, the first being the one to suggest.
    public static let postgresqlSchemes = ["postgresql://", "postgres://"]

    /// Reads `text`, resolving a relative SQLite path against `directory`.
    /// - Throws: ``DatabaseLocationError`` saying what is wrong and how to write it, never quoting a password.
    public init(parsing text: String, relativeTo directory: URL) throws(DatabaseLocationError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw DatabaseLocationError("the database location is \(text.utf8.count) bytes long; at most \(Self.maximumLength) are accepted")
        }
        if let (offset, scalar) = text.unicodeScalars.enumerated().first(where: { $0.element.properties.generalCategory == .control }) {
            throw DatabaseLocationError(
                "the database location holds the control character \(Self.codePoint(scalar)) at character \(offset + 1); "
                    + "a path or URL cannot hold one")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw DatabaseLocationError("the database location is empty; \(Self.forms)") }
        let lowered = trimmed.lowercased()
        if let scheme = Self.postgresqlSchemes.first(where: { lowered.hasPrefix($0) }) {
            guard trimmed.count > scheme.count else {
                throw DatabaseLocationError("the PostgreSQL URL names no server; write \(Self.postgresqlExample)")
            }
            self = .postgresql(url: trimmed)
        } else if lowered.hasPrefix(Self.sqliteScheme) {
            self = .sqlite(path: try Self.sqlitePath(String(trimmed.dropFirst(Self.sqliteScheme.count)), relativeTo: directory))
        } else {
            throw Self.unknownForm(trimmed)
        }
    }

    /// The location as it can be shown and logged: `sqlite:PATH`, or the URL with its password (and any
    /// credential-like query parameter) masked.
    public var description: String {
        switch self {
        case .sqlite(let path): Self.sqliteScheme + path
        case .postgresql(let url): Self.masked(url)
        }
    }

    /// What a person may write.
    static let forms = "write sqlite:PATH for a SQLite file or \(postgresqlExample) for a PostgreSQL server"
    static let postgresqlExample = "postgresql://USER@HOST:5432/DATABASE"

    private static func sqlitePath(_ rest: String, relativeTo directory: URL) throws(DatabaseLocationError) -> String {
        var path = rest
        if path.hasPrefix("//") {
            // `sqlite:///var/lib/x.sqlite`, as other tools write it; `sqlite://name` would read as a host.
            path.removeFirst(2)
            guard path.hasPrefix("/") else {
                throw DatabaseLocationError("a sqlite:// location needs an absolute path after it (sqlite:///var/lib/veilleur/veilleur.sqlite); write sqlite:PATH for a relative one")
            }
        }
        guard !path.isEmpty else { throw DatabaseLocationError("the sqlite: location names no file; write sqlite:PATH, e.g. sqlite:state/veilleur.sqlite") }
        guard !path.hasSuffix("/") else {
            throw DatabaseLocationError("the sqlite: location '\(path)' names a folder; name the database file inside it, e.g. \(path)veilleur.sqlite")
        }
        // Appended rather than resolved relative to `directory`: a folder URL without its trailing slash
        // would resolve against its parent.
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// The refusal of a location with no scheme this build reads. At most the scheme is quoted: the rest
    /// may be a password written where a user name was meant, or pasted alone.
    private static func unknownForm(_ text: String) -> DatabaseLocationError {
        guard let colon = text.firstIndex(of: ":") else {
            return DatabaseLocationError("the database location names no kind of database; a bare path is not read: prefix it with sqlite: (sqlite:PATH), or write \(postgresqlExample)")
        }
        let scheme = text[..<colon]
        if ["postgresql", "postgres"].contains(scheme.lowercased()) {
            return DatabaseLocationError("a PostgreSQL location starts with \(scheme)://; write \(postgresqlExample)")
        }
        let isScheme = scheme.count <= 32 && scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        guard isScheme else { return DatabaseLocationError("the database location has no known scheme; \(forms)") }
        return DatabaseLocationError("unsupported database scheme '\(scheme)'; \(forms)")
    }

    /// `url` with the password of its user info replaced by the mask (the user name stays: it helps to
    /// tell two databases apart), and its credential-like query parameters masked as source URLs are.
    /// The user info ends at the last `@` before the query, not before the first `/`: a password may hold
    /// an unescaped `/`, and masking too much is the safe mistake.
    static func masked(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return URLRedaction.redacted(url) }
        let prefix = url[..<schemeEnd.upperBound]
        let afterScheme = url[schemeEnd.upperBound...]
        let queryStart = afterScheme.firstIndex { $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        guard let at = afterScheme[..<queryStart].lastIndex(of: "@") else { return URLRedaction.redacted(url) }
        let userInfo = afterScheme[..<at]
        let user = userInfo.firstIndex(of: ":").map { userInfo[..<$0] + ":" + URLRedaction.mask } ?? String(userInfo)
        let rest = URLRedaction.redacted(String(prefix + afterScheme[afterScheme.index(after: at)...]))
        return prefix + user + "@" + rest.dropFirst(prefix.count)
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        String(format: "U+%04X", scalar.value)
    }
}

/// Why a database location was refused: a sentence that says how to write it and never quotes a password.
public struct DatabaseLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
