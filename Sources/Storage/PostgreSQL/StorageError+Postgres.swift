import Model
import PostgresNIO
import _ConnectionPoolModule

extension StorageError {
    /// An error of the PostgreSQL store: `database` is its location with the password masked.
    static func postgres(
        _ operation: String, sql: String? = nil, kind: Kind, code: String? = nil, message: String, database: String
    ) -> StorageError {
        StorageError(operation: operation, sql: sql, kind: kind, code: code, message: message, database: database)
    }

    /// `error`, thrown by postgres-nio while doing `operation`, classified by its SQLSTATE or its cause.
    static func postgres(_ operation: String, sql: String?, error: any Error, location: PostgresLocation) -> StorageError {
        let (kind, code, message) = classify(error)
        return postgres(operation, sql: sql, kind: kind, code: code, message: masking(message, of: location), database: location.description)
    }

    /// The kind, the code shown to people and the message of an error of postgres-nio. Its own descriptions
    /// say nothing on purpose (they might leak data): the server's fields and the cause are read instead.
    private static func classify(_ error: any Error) -> (Kind, String?, String) {
        switch error {
        case let error as PSQLError where error.code == .server:
            let state = error.serverInfo?[.sqlState] ?? "?????"
            var message = error.serverInfo?[.message] ?? "the server reported an error"
            if let detail = error.serverInfo?[.detail] { message += " (\(detail))" }
            return (kind(ofSQLState: state), "SQLSTATE \(state)", message)
        case let error as PSQLError:
            let cause = error.underlying.map { ": \($0)" } ?? ""
            let kind: Kind = [.messageDecodingFailure, .unexpectedBackendMessage, .invalidCommandTag, .tooManyParameters].contains(error.code)
                ? .other : .unavailable
            return (kind, nil, "\(error.code)\(cause)")
        case let error as ConnectionPoolError where error == .connectionCreationCircuitBreakerTripped:
            return (.unavailable, nil, "no connection to the server could be made for a minute")
        case let error as ConnectionPoolError where error == .poolShutdown:
            return (.unavailable, nil, "the store is closed")
        case let error as PostgresDecodingError:
            return (.corrupt, nil, "column \(error.columnName) holds a \(error.postgresType) where a \(error.targetType) was expected (\(error.code))")
        case is CancellationError:
            return (.other, nil, "cancelled")
        default:
            return (.other, nil, "\(error)")
        }
    }

    /// The neutral kind of a PostgreSQL SQLSTATE.
    static func kind(ofSQLState state: String) -> Kind {
        switch state {
        case "25006": .readOnly
        case "40001", "40P01", "55P03", "53300": .busy
        case "57P01", "57P02", "57P03", "3D000": .unavailable
        case "XX001", "XX002": .corrupt
        case _ where state.hasPrefix("23"): .constraint
        case _ where state.hasPrefix("08"), _ where state.hasPrefix("28"): .unavailable
        default: .other
        }
    }

    /// `message` without the password of `location`, should a library quote it.
    private static func masking(_ message: String, of location: PostgresLocation) -> String {
        guard let password = location.password, password.count >= URLRedaction.minimumScrubbedLength else { return message }
        return message.replacing(password, with: URLRedaction.mask)
    }
}
