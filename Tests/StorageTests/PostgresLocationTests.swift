import Storage
import Testing

@Suite("Reading a PostgreSQL URL")
struct PostgresLocationTests {
    @Test("Every part of a full URL is read, percent-encoding undone")
    func fullURL() throws {
        let location = try PostgresLocation("postgresql://veille%40ur:p%40ss%2Fw0rd@db.example.org:6543/veille_prod?sslmode=require", environment: [:])
        #expect(location == PostgresLocation(
            user: "veille@ur", password: "p@ss/w0rd", host: "db.example.org", port: 6543, database: "veille_prod", tls: .require))
    }

    @Test("postgres:// is accepted, the port defaults to 5432 and TLS to prefer")
    func defaults() throws {
        let location = try PostgresLocation("postgres://veilleur@localhost/veilleur", environment: [:])
        #expect(location == PostgresLocation(user: "veilleur", host: "localhost", port: 5432, database: "veilleur", tls: .prefer))
    }

    @Test("An IPv6 address is written in brackets")
    func ipv6() throws {
        let location = try PostgresLocation("postgresql://u@[::1]:5433/db?sslmode=disable", environment: [:])
        #expect(location.host == "::1")
        #expect(location.port == 5433)
        #expect(location.description == "postgresql://u@[::1]:5433/db?sslmode=disable")
    }

    @Test("A password absent from the URL comes from PGPASSWORD; one in the URL wins")
    func passwordFromEnvironment() throws {
        #expect(try PostgresLocation("postgresql://u@h/db", environment: ["PGPASSWORD": "from-env"]).password == "from-env")
        #expect(try PostgresLocation("postgresql://u:in-url@h/db", environment: ["PGPASSWORD": "from-env"]).password == "in-url")
        #expect(try PostgresLocation("postgresql://u@h/db", environment: [:]).password == nil)
    }

    @Test("The description masks the password, wherever it came from")
    func descriptionMasksThePassword() throws {
        let inURL = try PostgresLocation("postgresql://u:s3cr3t-value@h:5432/db", environment: [:])
        #expect(inURL.description == "postgresql://u:***@h:5432/db?sslmode=prefer")
        let fromEnvironment = try PostgresLocation("postgresql://u@h/db", environment: ["PGPASSWORD": "s3cr3t-value"])
        #expect(!fromEnvironment.description.contains("s3cr3t"))
    }

    @Test(
        "A URL that names no database the store can open is refused with what is wrong, the password masked",
        arguments: [
            ("mysql://u:s3cr3t-value@h/db", "scheme 'mysql'"),
            ("postgresql://h/db", "no user"),
            ("postgresql://u:s3cr3t/value@h/db", "percent-encode them"),
            ("postgresql://u:s3cr3t-value@h/db?sslmode=x@y", "sslmode 'x@y'"),
            ("postgresql://:s3cr3t-value@h/db", "user name is empty"),
            ("postgresql://u:s3cr3t-value@/db", "no host"),
            ("postgresql://u:s3cr3t-value@h:0/db", "port '0'"),
            ("postgresql://u:s3cr3t-value@h:70000/db", "port '70000'"),
            ("postgresql://u:s3cr3t-value@h:54x/db", "port '54x'"),
            ("postgresql://u:s3cr3t-value@h/", "no database name"),
            ("postgresql://u:s3cr3t-value@h", "no database name"),
            ("postgresql://u:s3cr3t-value@h/db/other", "not one database name"),
            ("postgresql://u:s3cr3t-value@h/db%ZZ", "badly percent-encoded"),
            ("postgresql://u:s3cr3t-value@h/db?sslmode=verify-full", "sslmode 'verify-full'"),
            ("postgresql://u:s3cr3t-value@h/db?application_name=x", "unknown parameter 'application_name'"),
            ("postgresql://u:s3cr3t-value@bad_host!/db", "not a host name"),
            ("postgresql://u:s3cr3t-value@[::1/db", "closing ]"),
            ("postgresql://u:s3cr3t-value@h/d b", "spaces or control characters"),
            ("postgresql://u:s3cr3t-value@h/db\u{0}", "spaces or control characters"),
            ("postgresql://u:s3cr3t-value@h/" + String(repeating: "d", count: 64), "longer than 63 bytes"),
            ("not a url", "spaces or control characters"),
            ("nothing", "not a URL"),
        ])
    func junkIsRefused(url: String, why: String) throws {
        let error = #expect(throws: StorageError.self) { try PostgresLocation(url, environment: [:]) }
        #expect(error?.message.contains(why) == true, "\(String(describing: error))")
        #expect(error?.description.contains("s3cr3t") == false)
        #expect(error?.database.contains("s3cr3t") == false)
    }

    @Test(
        "Hostile URLs of any length are refused without trapping, and their errors stay short",
        arguments: [
            "postgresql://" + String(repeating: "@", count: 10_000) + "h/db",
            "postgresql://u@" + String(repeating: "a.", count: 5_000) + "/db",
            "postgresql://u@h:" + String(repeating: "9", count: 400) + "/db",
            "postgresql://u@h/db?" + String(repeating: "&x", count: 10_000),
            "postgresql://u@[" + String(repeating: ":", count: 10_000) + "]/db",
            "postgresql://u@[1::2::3]/db",
        ])
    func hostileURLs(url: String) {
        let error = #expect(throws: StorageError.self) { try PostgresLocation(url, environment: [:]) }
        #expect((error?.message.count ?? 0) < 400)
    }

    @Test("Empty query parameters are ignored")
    func emptyParameters() throws {
        #expect(try PostgresLocation("postgresql://u@h/db?&&sslmode=disable&", environment: [:]).tls == .disable)
    }
}
