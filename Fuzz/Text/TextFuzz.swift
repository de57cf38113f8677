import FuzzSupport
import TextNormalization

/// Reads arbitrary text (bytes decoded as UTF-8, invalid sequences as U+FFFD) with the tokenizer, the
/// folding functions, the byte-level word stream and the near-duplicate fingerprint.
///
/// Tokens are folded (no uppercase, no combining mark, folding them changes nothing), numbered in order,
/// and each lies inside the text after the previous one; folding is idempotent and `caseFold` then `fold`
/// is `fold`; the word stream gives the tokenizer's tokens, also when reading is limited to a number of
/// scalars or of tokens; a fingerprint is the same twice and resembles itself fully, and the same again when
/// made from the words of a whole reading of the text, as the matcher hands them over.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let tokens = Tokenizer.tokens(text)
    TokenInvariants.check(tokens, of: text)

    let folded = TextFolding.fold(text)
    Invariant.require(TextFolding.fold(folded) == folded, "folding \(text.debugDescription) twice changes it again")
    Invariant.require(
        TextFolding.fold(TextFolding.caseFold(text)) == folded, "caseFold then fold of \(text.debugDescription) is not fold")

    // Limits taken from the input's own bytes, so that a crash file replays the same reads.
    let scalarLimit = Int(bytes.first ?? 0)
    let tokenLimit = Int(bytes.last ?? 0) % 24
    WordStreamInvariants.check(text, tokens: tokens, scalarLimit: scalarLimit, tokenLimit: tokenLimit)

    let fingerprint = NearDuplicateFingerprint(title: text, summary: text, content: text)
    Invariant.require(
        fingerprint == NearDuplicateFingerprint(title: text, summary: text, content: text),
        "two fingerprints of \(text.debugDescription) differ")
    if NearDuplicateFingerprint.readsWhole(text) {
        var lexicon = WordLexicon()
        var stream = WordStream()
        var words: [StreamWord] = []
        stream.read(text, lexicon: &lexicon, into: &words)
        var read = FoldedWords(reservingWords: words.count)
        for word in words {
            var folded = lexicon.text(word.number)
            folded.withUTF8 { read.append($0) }
        }
        Invariant.require(
            NearDuplicateFingerprint(title: .words(read), summary: .words(read), content: .text(text)) == fingerprint,
            "the fingerprint of \(text.debugDescription) from its words differs")
    }
    if let fingerprint {
        let itself = fingerprint.resemblance(to: fingerprint)
        Invariant.require(
            itself.body == 1 && itself.lead == 1 && (fingerprint.titleWords.isEmpty || itself.title == 1),
            "a fingerprint resembles itself only \(itself)")
        Invariant.require(itself.isNearDuplicate, "a fingerprint is not a near-duplicate of itself")
    }
    return 0
}
