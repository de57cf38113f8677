import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A value bound to a statement parameter (`$1`, `$2`…), written the way both backends agree on.
///
/// SQLite binds NaN as NULL and keeps U+0000 in text; PostgreSQL would store NaN and refuses U+0000 in
/// `text`. Binding NaN as NULL keeps SQLite's rule (a NOT NULL column refuses it); U+0000 becomes U+FFFD,
/// the one change a stored text may undergo here.
enum PostgresValue {
    case text(String?)
    case int(Int64?)
    case double(Double?)
    case date(Date?)
    case bytes([UInt8])
    case ints([Int64])
    case doubles([Double])
    case texts([String])
    case bool(Bool)

    fileprivate func append(to bindings: inout PostgresBindings) {
        switch self {
        case .text(let value?): bindings.append(Self.storable(value))
        case .int(let value?): bindings.append(value)
        case .double(let value?) where !value.isNaN: bindings.append(value)
        case .date(let value?) where !value.timeIntervalSince1970.isNaN: bindings.append(PostgresTimestamp(value))
        case .bytes(let value): bindings.append(ByteBuffer(bytes: value))
        case .ints(let values): bindings.append(values)
        case .doubles(let values): bindings.append(values)
        case .texts(let values): bindings.append(values.map(Self.storable))
        case .bool(let value): bindings.append(value)
        case .text(nil), .int(nil), .double, .date: bindings.appendNull()
        }
    }

    /// `text` as a PostgreSQL `text` can hold it.
    static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacing("\u{0}", with: "\u{FFFD}") : text
    }
}

/// A `timestamptz` parameter: microseconds since 2000-01-01, rounded to the nearest, and held within the
/// range PostgreSQL accepts, so that no date a feed gives can trap the conversion or fail a whole fetch.
struct PostgresTimestamp: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    /// 4713 BC and days before 294277 AD, within PostgreSQL's limits, in microseconds since 2000-01-01.
    private static let earliest: Double = -211_813_488_000_000_000
    private static let latest: Double = 9.223_371e18
    private static let epoch2000 = Date(timeIntervalSince1970: 946_684_800)

    let microseconds: Int64

    init(_ date: Date) {
        let value = (date.timeIntervalSince(Self.epoch2000) * 1_000_000).rounded()
        microseconds = Int64(min(max(value, Self.earliest), Self.latest))
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(microseconds)
    }
}

/// One connection lent to the store for one operation: runs its statements and turns every failure into
/// a `StorageError` that names the operation, the statement and the database.
struct PostgresSession {
    let connection: PostgresConnection
    let location: PostgresLocation
    let operation: String
    let logger: Logger

    /// The same connection, for another operation.
    func named(_ operation: String) -> PostgresSession {
        PostgresSession(connection: connection, location: location, operation: operation, logger: logger)
    }

    /// Runs `sql` and returns every row it produced.
    @discardableResult
    func rows(_ sql: String, _ values: PostgresValue...) async throws(StorageError) -> [PostgresRowReader] {
        try await rows(sql, values)
    }

    func rows(_ sql: String, _ values: [PostgresValue]) async throws(StorageError) -> [PostgresRowReader] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { value.append(to: &bindings) }
        do {
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            var rows: [PostgresRowReader] = []
            for try await row in sequence {
                rows.append(PostgresRowReader(cells: row.makeRandomAccess(), sql: sql, operation: operation, database: location.description))
            }
            return rows
        } catch {
            throw StorageError.postgres(operation, sql: sql, error: error, location: location)
        }
    }

    /// Runs `sql` and returns its first row, if any.
    func row(_ sql: String, _ values: PostgresValue...) async throws(StorageError) -> PostgresRowReader? {
        try await rows(sql, values).first
    }

    /// Runs `body` inside `begin … COMMIT`, rolling back if it throws.
    func transaction<Result>(
        _ begin: String = "BEGIN", _ body: () async throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try await rows(begin)
        do {
            let result = try await body()
            try await rows("COMMIT")
            return result
        } catch {
            // A failed statement aborts the transaction; the rollback only ends it, so its own failure (the
            // connection is gone, say) adds nothing to the error that caused it.
            _ = try? await rows("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a read-only transaction that sees one snapshot of the database throughout.
    func snapshot<Result>(_ body: () async throws(StorageError) -> Result) async throws(StorageError) -> Result {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }
}

/// One row of a result, read by column position like SQLite's statements; a value of an unexpected type
/// fails as `corrupt`.
struct PostgresRowReader {
    let cells: PostgresRandomAccessRow
    let sql: String
    let operation: String
    let database: String

    func isNull(_ column: Int) -> Bool { cells[column].bytes == nil }

    func string(_ column: Int) throws(StorageError) -> String? { try decode(String?.self, column) }

    func int64(_ column: Int) throws(StorageError) -> Int64 { try decode(Int64?.self, column) ?? 0 }

    func optionalInt64(_ column: Int) throws(StorageError) -> Int64? { try decode(Int64?.self, column) }

    func double(_ column: Int) throws(StorageError) -> Double { try decode(Double?.self, column) ?? 0 }

    func optionalDouble(_ column: Int) throws(StorageError) -> Double? { try decode(Double?.self, column) }

    func date(_ column: Int) throws(StorageError) -> Date? { try decode(Date?.self, column) }

    func bool(_ column: Int) throws(StorageError) -> Bool { try decode(Bool?.self, column) ?? false }

    func bytes(_ column: Int) throws(StorageError) -> [UInt8] {
        guard var buffer = try decode(ByteBuffer?.self, column) else { return [] }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    private func decode<Value: PostgresDecodable>(_ type: Value.Type, _ column: Int) throws(StorageError) -> Value {
        do {
            return try cells[column].decode(Value.self)
        } catch {
            let message = (error as? PostgresDecodingError).map {
                "column \($0.columnName) is a \($0.postgresType), not a \(Value.self)"
            } ?? "column \(column) cannot be read: \(error)"
            throw StorageError.postgres(operation, sql: sql, kind: .corrupt, message: message, database: database)
        }
    }
}
