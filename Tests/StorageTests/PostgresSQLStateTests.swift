@testable import Storage
import Testing

@Suite("Classifying PostgreSQL errors")
struct PostgresSQLStateTests {
    @Test(
        "Each SQLSTATE maps to the kind a caller can act on",
        arguments: [
            ("23505", StorageError.Kind.constraint), ("23502", .constraint), ("23503", .constraint), ("23514", .constraint),
            ("25006", .readOnly),
            ("40001", .busy), ("40P01", .busy), ("55P03", .busy), ("53300", .busy),
            ("08006", .unavailable), ("08001", .unavailable), ("57P01", .unavailable), ("57P02", .unavailable),
            ("57P03", .unavailable), ("28P01", .unavailable), ("3D000", .unavailable),
            ("XX001", .corrupt), ("XX002", .corrupt),
            ("42P01", .other), ("22021", .other), ("57014", .other), ("", .other),
        ])
    func kindOfSQLState(state: String, kind: StorageError.Kind) {
        #expect(StorageError.kind(ofSQLState: state) == kind)
    }
}
