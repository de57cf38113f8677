import Testing
import TextNormalization

@Suite("Stemmer")
struct StemmerTests {
    @Test("French words stem as Snowball stems them, accents kept", arguments: [
        ("augmentée", "augment"), ("industrielles", "industriel"), ("industriel", "industriel"),
        ("entreprises", "entrepris"), ("énergies", "énerg"), ("innovation", "innov"),
    ])
    func french(_ word: String, _ stem: String) {
        #expect(Stemmer(language: .french).stem(word) == stem)
    }

    @Test("English words stem as Snowball stems them", arguments: [
        ("learning", "learn"), ("startups", "startup"), ("manufacturing", "manufactur"), ("policies", "polici"),
    ])
    func english(_ word: String, _ stem: String) {
        #expect(Stemmer(language: .english).stem(word) == stem)
    }

    @Test("Stemming needs the accents: a word stripped of them stems differently")
    func accentsBeforeStemming() {
        let stemmer = Stemmer(language: .french)
        #expect(stemmer.stem("augmentée") == "augment")
        #expect(stemmer.stem("augmentee") == "augmente")
    }

    @Test("A key is the stem of the case-folded word with its accents removed")
    func keyFoldsTheStem() {
        let stemmer = Stemmer(language: .french)
        #expect(stemmer.key("augmentée") == "augment")
        #expect(stemmer.key("énergies") == "energ")
        #expect(stemmer.key(TextFolding.caseFold("RÉALITÉS")) == stemmer.key("réalité"))
    }

    @Test("A cached key is the key computed afresh")
    func cacheKeepsKeys() {
        let stemmer = Stemmer(language: .french)
        let first = ["filières", "hydrogène", "filières", "hydrogène"].map(stemmer.key)
        #expect(first == ["fili", "hydrogen", "fili", "hydrogen"])
        #expect(Stemmer(language: .french).key("filières") == first[0])
    }

    @Test("A word too long to be one is left as it is")
    func longRunOfLetters() {
        let run = String(repeating: "ab", count: 200)
        #expect(Stemmer(language: .english).stem(run) == run)
        #expect(Stemmer(language: .english).stem("") == "")
    }

    @Test("Concurrent tasks stemming through one pool all get the stems one stemmer gives")
    func poolUnderConcurrency() async {
        let words = ["industrielles", "entreprises", "innovations", "énergies", "régionales", "filières"]
        let reference = Stemmer(language: .french)
        let expected = words.map(reference.key)
        let pool = StemmerPool()
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<32 {
                group.addTask { pool.withStemmer(.french) { stemmer in words.map(stemmer.key) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("A pool lends a stemmer of the language asked for")
    func poolLanguage() {
        let pool = StemmerPool()
        #expect(pool.withStemmer(.english) { $0.language } == .english)
        #expect(pool.withStemmer(.french) { $0.language } == .french)
        #expect(pool.withStemmer(.english) { $0.stem("running") } == "run")
    }
}
