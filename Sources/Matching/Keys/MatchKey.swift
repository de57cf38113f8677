import TextNormalization

/// The forms a word is compared in. Every comparison between a profile's words and an item's words goes
/// through a ``KeyVocabulary``: the matcher keys its trie by the ids of a term's keys and looks an item's
/// tokens up by the ids of theirs, so past that point a word is compared as an integer, never as a string.
///
/// Prefix wildcards (`cyber*`) are the one comparison that does not use keys: a prefix is compared with
/// the start of the folded token, whatever its ending.
enum KeyForm: Hashable, Sendable {
    /// The folded token itself.
    case folded
    /// The token reduced to its Snowball stem in a language; keys of different forms never meet.
    case stemmed(Language)

    /// The number of forms.
    static let slotCount = 3

    /// The form's place among the ``slotCount`` forms, for tables indexed by form.
    var slot: Int {
        switch self {
        case .folded: 0
        case .stemmed(.french): 1
        case .stemmed(.english): 2
        }
    }

    /// The language of a stemmed form.
    var language: Language? {
        switch self {
        case .folded: nil
        case .stemmed(let language): language
        }
    }
}

/// The keys of every term, in each form, numbered: a key no term uses has no id, so an item's word that
/// no profile mentions costs one failed lookup.
///
/// It also keeps the start of every key (``StemStarts``; for the folded form, the whole key), and in a stemmed
/// form every start of every whole key (``KeyPrefixes``), so that a pair of words whose concatenation could
/// not stem or fold to any key is neither stemmed nor joined (see ``StemEndings``).
struct KeyVocabulary: Sendable {
    /// Per form slot: key → id.
    private var ids: [KeyTable] = Array(repeating: KeyTable(), count: KeyForm.slotCount)
    private var starts: [StemStarts] = (0..<KeyForm.slotCount).map { StemStarts(wholeKeys: $0 == KeyForm.folded.slot) }
    /// Per stemmed form slot: the starts of the whole keys, which ``StemEndings`` compares a pair's ending with.
    private var prefixes = Array(repeating: KeyPrefixes(), count: KeyForm.slotCount)
    private var count: Int32 = 0

    /// The id of `key` in `form`, numbered on first use.
    mutating func make(_ key: String, form: KeyForm) -> Int32 {
        if let id = ids[form.slot].value(key) { return id }
        count += 1
        ids[form.slot].insert(key, count)
        starts[form.slot].insert(key)
        if form.language != nil { prefixes[form.slot].insert(key) }
        return count
    }

    /// Lays out the starts of the keys made so far (``StemStarts/seal()``): done once every term is
    /// compiled, before any item is read.
    mutating func seal() {
        for slot in starts.indices {
            starts[slot].seal()
            prefixes[slot].seal()
        }
    }

    /// Whether some term has a key in `form`.
    func uses(_ form: KeyForm) -> Bool {
        !ids[form.slot].isEmpty
    }

    /// The id of `key` in `form`; `nil` when no term uses it.
    @inline(__always)
    func id(_ key: String, form: KeyForm) -> Int32? {
        ids[form.slot].value(key)
    }

    /// The id of the key whose UTF-8 bytes are `key` in `form`; `nil` when no term uses it.
    @inline(__always)
    func id(bytes key: UnsafeBufferPointer<UInt8>, form: KeyForm) -> Int32? {
        ids[form.slot].value(bytes: key)
    }

    /// The ``StemStarts`` of a form, which tell whether a pair of words may fold to one of its keys, or,
    /// in a stemmed form, whether a word whose folded text is plain ASCII may stem to one.
    func stemStarts(_ form: KeyForm) -> StemStarts {
        starts[form.slot]
    }

    /// The starts of the keys of a stemmed form; empty for the folded form.
    func keyPrefixes(_ form: KeyForm) -> KeyPrefixes {
        prefixes[form.slot]
    }
}
