import Configuration
import Foundation
import Testing

/// The example configuration in config/ is valid, and its JSON Schemas agree with the reader.
@Suite("Shipped configuration and schema")
struct ShippedConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let config = repository.appendingPathComponent("config")

    /// Whether python3 with the jsonschema and PyYAML packages can run the schema checks.
    static let canValidate: Bool = (try? python("import jsonschema, yaml", arguments: []).status) == 0

    @Test("The example configuration loads, with its vocabularies")
    func exampleLoads() throws {
        let configuration = try Configuration.load(directory: Self.config)
        #expect(configuration.profiles.count == 4)
        #expect(configuration.vocabularies.map(\.name) == ["acteurs-hydrogene", "communes-metropole"])
    }

    @Test("Every example profile and vocabulary names its schema for editors on its first line")
    func schemaLines() throws {
        let files = ConfigurationFiles(directory: Self.config)
        for (urls, schema) in [(try files.profiles(), "profile"), (try files.vocabularies(), "vocabulary")] {
            #expect(!urls.isEmpty)
            for url in urls {
                let first = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first
                #expect(first == "# yaml-language-server: $schema=../schema/\(schema).schema.json", "\(url.lastPathComponent)")
            }
        }
    }

    @Test(
        "Every example profile and vocabulary validates against its JSON Schema",
        .enabled(if: canValidate, "needs python3 with the jsonschema and PyYAML packages")
    )
    func examplesValidate() throws {
        let files = ConfigurationFiles(directory: Self.config)
        let pairs = try files.profiles().map { ($0, "profile") } + files.vocabularies().map { ($0, "vocabulary") }
        for (file, schema) in pairs {
            let result = try Self.validate(file: file, schema: schema)
            #expect(result.status == 0, "\(file.lastPathComponent): \(result.output)")
        }
    }

    @Test(
        "The profile schema refuses the mistakes the reader refuses",
        .enabled(if: canValidate, "needs python3 with the jsonschema and PyYAML packages"),
        arguments: [
            "kind: cluster\ntopics: [{name: T, any: [{term: a, within: 3}]}]",
            "kind: cluster\ntopics: [{name: T, fields: [titel], any: [a]}]",
            "kind: cluster\ntopics: [{name: T, any: [{near: [a], within: 3}]}]",
            "kind: cluster\ntopics: [{name: T, any: [{near: [a, b]}]}]",
            "kind: cluster\ntopics: [{name: T, any: [{regex: a, stem: true}]}]",
            "kind: cluster\ntopics: [{name: T, none: [a]}]",
            "kind: cluster\ntopics: [{name: T, any: ['*']}]",
            "kind: cluster\ntopics: [{name: T, phrases: [{regex: a}]}]",
            "kind: club\ntopics: [{name: T, any: [a]}]",
        ]
    )
    func schemaRefuses(profile: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-schema-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(profile.utf8).write(to: folder)
        // 3 is the script's "the document breaks the schema"; a crash of the script exits 1.
        #expect(try Self.validate(file: folder, schema: "profile").status == 3)
    }

    /// Exits 0 when `file` conforms to the schema, 3 when it does not (listing why).
    private static func validate(file: URL, schema: String) throws -> (status: Int32, output: String) {
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
            for error in errors: print(list(error.absolute_path), error.message)
            sys.exit(3 if errors else 0)
            """
        let schemaFile = config.appendingPathComponent("schema/\(schema).schema.json")
        return try python(script, arguments: [schemaFile.path, file.path])
    }

    private static func python(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
