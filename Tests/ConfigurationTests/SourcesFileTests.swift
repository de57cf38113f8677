import Configuration
import Foundation
import Model
import Testing

@Suite struct SourcesFileTests {
    @Test("appended sources load with the folder and the file keeps its permissions")
    func appendsAndLoads() throws {
        let folder = try ConfigFolder(files: ["sources.yaml": twoSources + "\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.path("sources.yaml"))
        let configuration = try SourcesFile.append(
            [Source(name: "h2", url: "https://h2.example/feed", tags: ["energie"])], comment: "c", directory: folder.url)
        #expect(configuration.sources.map(\.name) == ["pole-mer", "gazette", "h2"])
        #expect(configuration.sources.last?.tags == ["energie"])
        let permissions = try FileManager.default.attributesOfItem(atPath: folder.path("sources.yaml"))[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["profiles", "sources.yaml"])
    }

    @Test("a sources.yaml that is a symbolic link stays one and its target gets the sources")
    func followsALink() throws {
        let folder = try ConfigFolder(files: ["elsewhere.yaml": twoSources + "\n"])
        try FileManager.default.createSymbolicLink(atPath: folder.path("sources.yaml"), withDestinationPath: folder.path("elsewhere.yaml"))
        try SourcesFile.append([Source(name: "a", url: "https://a.example/")], comment: "c", directory: folder.url)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path("sources.yaml")) == folder.path("elsewhere.yaml"))
        #expect(try String(contentsOfFile: folder.path("elsewhere.yaml"), encoding: .utf8).hasSuffix("  - name: a\n    url: \"https://a.example/\"\n"))
    }

    @Test("a missing sources.yaml is created")
    func createsTheFile() throws {
        let folder = try ConfigFolder(files: [:])
        let configuration = try SourcesFile.append([Source(name: "a", url: "https://a.example/")], comment: "c", directory: folder.url)
        #expect(configuration.sources.map(\.url) == ["https://a.example/"])
    }

    @Test("when the folder does not load afterwards, sources.yaml is restored byte for byte")
    func restoresOnFailure() throws {
        let original = twoSources + "\n# kept\n"
        let folder = try ConfigFolder(files: ["sources.yaml": original, "profiles/broken.yaml": "name: [unclosed\n"])
        #expect {
            try SourcesFile.append([Source(name: "a", url: "https://a.example/")], comment: "c", directory: folder.url)
        } throws: { error in
            guard case .invalidAfterWrite = error as? SourcesFileError else { return false }
            return true
        }
        #expect(try String(contentsOfFile: folder.path("sources.yaml"), encoding: .utf8) == original)
    }

    @Test("when the folder does not load afterwards, a sources.yaml the append created is removed")
    func removesCreatedFileOnFailure() throws {
        let folder = try ConfigFolder(files: ["profiles/broken.yaml": "name: [unclosed\n"])
        #expect(throws: SourcesFileError.self) {
            try SourcesFile.append([Source(name: "a", url: "https://a.example/")], comment: "c", directory: folder.url)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("sources.yaml")))
    }
}
