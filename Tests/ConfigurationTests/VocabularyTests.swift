import Configuration
import Foundation
import Model
import Testing

@Suite("Shared vocabularies")
struct VocabularyTests {
    private static let communes = """
        description: Communes de la métropole
        terms:
          - Montpellier
          - {term: Castelnau-le-Lez, weight: 2}
          - Lattes
        """

    private func load(_ folder: borrowing ConfigFolder) throws -> Configuration {
        try Configuration.load(directory: folder.url)
    }

    private func issues(_ folder: borrowing ConfigFolder) -> [String] {
        do {
            _ = try Configuration.load(directory: folder.url)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test("A reference expands into the vocabulary's terms, its weight multiplying theirs and its fields replacing theirs")
    func expansion() throws {
        let profile = "kind: territoire\ntopics:\n  - name: T\n    any: [$communes, {vocabulary: communes, weight: 1.5, fields: [title]}]\n"
        let folder = try ConfigFolder(
            files: ["sources.yaml": twoSources, "profiles/p.yaml": profile, "vocabularies/communes.yaml": Self.communes],
            folders: ["profiles", "vocabularies"])
        let configuration = try load(folder)
        #expect(configuration.vocabularies.map(\.name) == ["communes"])
        #expect(configuration.vocabularies.first?.description == "Communes de la métropole")
        let terms = try #require(configuration.profiles.first?.topics.first?.terms)
        #expect(terms.map(\.text) == ["Montpellier", "Castelnau-le-Lez", "Lattes", "Montpellier", "Castelnau-le-Lez", "Lattes"])
        #expect(terms.map(\.weight) == [1, 2, 1, 1.5, 3, 1.5])
        #expect(terms.map(\.fields) == [nil, nil, nil, [.title], [.title], [.title]])
        #expect(terms.allSatisfy { $0.vocabulary == "communes" })
        #expect(terms.first?.location?.file == folder.path("vocabularies/communes.yaml"))
    }

    @Test("The files the daemon watches include every vocabulary, so editing one reloads the profiles using it")
    func watchedFiles() throws {
        let folder = try ConfigFolder(
            files: ["sources.yaml": twoSources, "vocabularies/communes.yaml": Self.communes, "vocabularies/notes.txt": "x"],
            folders: ["profiles", "vocabularies"])
        let files = ConfigurationFiles(directory: folder.url)
        #expect(files.all().map(\.path).contains(folder.path("vocabularies/communes.yaml")))
        #expect(!files.all().map(\.path).contains(folder.path("vocabularies/notes.txt")))
        #expect(try ConfigurationFiles(directory: folder.url.appendingPathComponent("nowhere")).vocabularies().isEmpty)
    }

    @Test("Mistakes in a vocabulary file are reported at their position")
    func vocabularyMistakes() throws {
        let vocabulary = "terms:\n  - $autres\n  - {regex: abc}\n  - \"*\"\n"
        let folder = try ConfigFolder(
            files: ["sources.yaml": twoSources, "vocabularies/v.yaml": vocabulary, "vocabularies/bad name.yaml": "terms: [a]"],
            folders: ["profiles", "vocabularies"])
        let path = folder.path("vocabularies/v.yaml")
        #expect(issues(folder) == [
            "\(folder.path("vocabularies/bad name.yaml")): a vocabulary is named after its file, with letters, digits, '-' and '_' only (at most 200); rename the file",
            "\(path):2:5: a vocabulary cannot use another vocabulary; list the terms, or write {term: \"$autres\"} for the text itself",
            "\(path):3:13: a vocabulary holds words only; move this 'regex' entry to 'any', 'all' or 'none'",
            "\(path):4:6: the term '*' is a star alone, which can never match; a star ends a word of at least 3 letters, as in 'cyber*'",
        ])
    }

    @Test("Terms count toward the budget each time a vocabulary is used, and the reference that passes it is reported")
    func budget() throws {
        let vocabulary = "terms: [" + (0..<1000).map { "w\($0)" }.joined(separator: ", ") + "]\n"
        let profile = "kind: cluster\ntopics:\n" + String(repeating: "  - name: T\n    any: [$grand]\n", count: 101)
        let folder = try ConfigFolder(
            files: ["sources.yaml": twoSources, "profiles/p.yaml": profile, "vocabularies/grand.yaml": vocabulary],
            folders: ["profiles", "vocabularies"])
        // 100 topics use 100,000 terms; the 101st reference, on line 2 × 101 + 2, passes the budget.
        #expect(issues(folder) == [
            "\(folder.path("profiles/p.yaml")):204:11: the profiles hold more than 100000 terms in all; remove terms or profiles",
        ])
    }
}
