// swift-tools-version:6.0
import PackageDescription

/// Strict settings shared by every Swift target: Swift 6 language mode comes from the tools version,
/// these make imports and existentials explicit.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "veilleur",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "veilleur", targets: ["veilleur"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // C libraries, called directly.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CUtf8proc", providers: [.apt(["libutf8proc-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        // A glibc function the Swift Glibc module does not declare.
        .systemLibrary(name: "CSpawn"),
        // glibc's malloc tuning, which the Swift Glibc module does not declare either.
        .systemLibrary(name: "CMalloc"),

        // Shared value types of the pipeline.
        .target(name: "Model", swiftSettings: strict),

        // Utilities.
        .target(name: "TextNormalization", dependencies: ["CUtf8proc", "CStemmer"], swiftSettings: strict),
        .target(
            name: "Storage",
            dependencies: [
                "Model", "CSQLite", "TextNormalization", .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
        .target(name: "LoopbackHTTP", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: strict),

        // Pipeline stages.
        .target(
            name: "Fetching",
            dependencies: [
                "Model", "CCurl", .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Parsing", dependencies: ["Model", "CLibXML2"], swiftSettings: strict),
        // Storage for `DatabaseLocation` only: `database:` of veilleur.yaml is read with the rules of `--database`.
        // Parsing for `XPathCheck` only: listing selectors are compiled by libxml2 when the configuration is read.
        // Mail for `MailAddress` only: addresses in profiles and `smtp:` are checked by the rules messages are built with.
        .target(
            name: "Configuration", dependencies: ["Model", "TextNormalization", "Storage", "Parsing", "Mail", "Yams"], swiftSettings: strict),
        .target(name: "Matching", dependencies: ["Model", "TextNormalization"], swiftSettings: strict),
        .target(name: "Digests", dependencies: ["Model", "TextNormalization"], swiftSettings: strict),
        .target(name: "Scheduling", dependencies: ["Model"], swiftSettings: strict),
        .target(name: "Alerts", dependencies: ["Model", "CSpawn", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        // E-mail: MIME messages built as values, sent through libcurl's SMTP with an easy handle of its own.
        .target(name: "Mail", dependencies: ["CCurl"], swiftSettings: strict),

        // Orchestration: the crawl pass, the digest job and the long-running daemon.
        .target(
            name: "Daemon",
            dependencies: [
                "Model", "Fetching", "Parsing", "Configuration", "Matching", "Storage", "Digests", "Scheduling", "Alerts", "Mail",
                "CMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "veilleur",
            dependencies: [
                "Daemon", "Model", "Configuration", "Fetching", "Parsing", "Matching", "Scheduling", "Storage", "LoopbackHTTP", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // The private PostgreSQL server of the tests and its fresh databases, for every test target that needs one.
        .target(
            name: "PostgresTestSupport",
            dependencies: ["Storage", .product(name: "Logging", package: "swift-log"), .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/PostgresTestSupport", swiftSettings: strict),

        // A real SMTP server on 127.0.0.1 (Python's aiosmtpd) for the tests that send mail, and the check of what it received.
        .target(name: "SMTPTestSupport", path: "Tests/SMTPTestSupport", swiftSettings: strict),

        // The seeded generator of the tests that draw random inputs.
        .target(name: "SeededRandom", path: "Tests/SeededRandom", swiftSettings: strict),

        .testTarget(name: "ModelTests", dependencies: ["Model"], swiftSettings: strict),
        .testTarget(name: "TextNormalizationTests", dependencies: ["TextNormalization", "SeededRandom"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "LoopbackHTTP"], swiftSettings: strict),
        .testTarget(name: "ParsingTests", dependencies: ["Parsing"], swiftSettings: strict),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"], swiftSettings: strict),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "Configuration", "SeededRandom"], swiftSettings: strict),
        .testTarget(
            name: "StorageTests", dependencies: ["Storage", "PostgresTestSupport", "SeededRandom", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"], swiftSettings: strict),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"], swiftSettings: strict),
        .testTarget(name: "AlertsTests", dependencies: ["Alerts"], swiftSettings: strict),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", "Storage", "LoopbackHTTP", "Alerts", "Mail", "SMTPTestSupport"], swiftSettings: strict),
        .testTarget(name: "MailTests", dependencies: ["Mail", "SMTPTestSupport"], swiftSettings: strict),
        // Runs the built binary, as scripts outside the repository do.
        .testTarget(
            name: "veilleurTests",
            dependencies: [
                "veilleur", "Daemon", "LoopbackHTTP", "PostgresTestSupport", "SMTPTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict),
    ]
)

// libFuzzer targets (Fuzz/, docs/fuzzing.md), declared only when scripts/fuzz.sh sets VEILLEUR_FUZZ=1: the
// default build, `swift build --build-tests` and `make test` never see them.
if Context.environment["VEILLEUR_FUZZ"] == "1" {
    package.targets += [
        .target(name: "FuzzSupport", dependencies: ["Model"], path: "Fuzz/FuzzSupport", swiftSettings: strict),
        .executableTarget(name: "FuzzFeedParser", dependencies: ["Parsing", "FuzzSupport"], path: "Fuzz/FeedParser", swiftSettings: strict),
        .executableTarget(name: "FuzzHTMLPage", dependencies: ["Parsing", "FuzzSupport"], path: "Fuzz/HTMLPage", swiftSettings: strict),
        .executableTarget(name: "FuzzDates", dependencies: ["Parsing", "FuzzSupport"], path: "Fuzz/Dates", swiftSettings: strict),
        .executableTarget(
            name: "FuzzText", dependencies: ["TextNormalization", "FuzzSupport"], path: "Fuzz/Text", swiftSettings: strict),
    ]
}
