/// One token of a text as a ``WordStream`` gives it: the ``WordLexicon`` number of its word and where it
/// lies in the text's UTF-8 bytes.
package struct StreamWord: Equatable {
    /// The word's number in the lexicon the text was read with.
    package var number: Int32
    /// UTF-8 offsets of the token in its text, end excluded: ``Token/range`` in bytes.
    package var start: Int
    package var end: Int
    /// ``Token/Flags/elided``.
    package var elided: Bool
}

/// The tokens ``Tokenizer/tokens(_:)`` gives, read for matching: the same words at the same positions and
/// places, but as lexicon numbers, so that a word the texts repeat costs a hash of its bytes instead of
/// strings, Unicode property look-ups and folding.
///
/// It applies ``WordScanner``'s and ``TokenAssembler``'s rules, in the same order, to scalars decoded
/// once into a reused buffer; ASCII is classified by value and only non-ASCII scalars ask for their
/// Unicode properties. A reader keeps one stream and reuses its buffers from text to text.
package struct WordStream {
    private var scalars: [Unicode.Scalar] = []
    /// UTF-8 offset of each scalar, and where the next one starts (the text's end once all are decoded).
    private var offsets: [Int] = []
    /// The text being read, decoded by chunks of `chunk` scalars, at most `scalarLimit`.
    private var text = ""
    private var decodedAll = false
    private var scalarLimit = Int.max
    private var chunk = Int.max
    /// The next scalar to scan.
    private var scanned = 0
    private var raw: [RawWord] = []
    /// The word being read: its start, its bytes (``WordLexicon``'s key) and counts for the rules.
    private var start: Int?
    private var content: [UInt8] = []
    private var contentScalars = 0
    private var lastContent: Unicode.Scalar = " "
    private var letters = 0, digits = 0
    private var hasAmpersand = false
    private var groupDigits = 0
    private var hasDecimalMark = false
    private var inDottedAcronym = false
    private var gapStart = 0

    /// A word before elisions, possessives and spaced ampersands are resolved, as ``Word``.
    private struct RawWord {
        var number: Int32
        var traits: WordLexicon.Traits
        var start: Int
        var end: Int
        var letters: Int
        var digits: Int
        var hasAmpersand: Bool
        var gapAfter: Word.Gap = .other

        var isLettersOnly: Bool { digits == 0 && !hasAmpersand && letters > 0 }
    }

    /// A stream with empty buffers.
    package init() {}

    /// Replaces `words` with the tokens of `text`, numbering new words in `lexicon`.
    ///
    /// With `scalarLimit`, reads only the text's first `scalarLimit` scalars, as if it ended there: the
    /// tokens of `String(String.UnicodeScalarView(text.unicodeScalars.prefix(scalarLimit)))`. With
    /// `tokenLimit`, gives only the first `tokenLimit` of those tokens, and decodes and scans the text only
    /// as far as they need.
    package mutating func read(
        _ text: String, scalarLimit: Int = .max, tokenLimit: Int = .max,
        lexicon: inout WordLexicon, into words: inout [StreamWord]
    ) {
        words.removeAll(keepingCapacity: true)
        guard tokenLimit > 0 else { return }
        startDecoding(text, scalarLimit: scalarLimit, tokenLimit: tokenLimit)
        // The stream outlives the text: it must not keep it alive.
        defer { self.text = "" }
        resetScan()
        // A token is settled once the two raw words after it are read (the next one and the gap after it),
        // and takes one raw word at least.
        var rawBound = tokenLimit < Int.max - 2 ? tokenLimit + 2 : .max
        while true {
            let complete = scan(&lexicon, rawBound: rawBound)
            assemble(&lexicon, complete: complete, limit: tokenLimit, into: &words)
            if complete || words.count >= tokenLimit { return }
            rawBound = raw.count + (tokenLimit - words.count) + 2
        }
    }

    /// Scalars the scanner may look at past the one it reads: "&" before three letters and what follows,
    /// a digit-group space before three digits and what follows.
    private static let lookahead = 8

    private mutating func startDecoding(_ text: String, scalarLimit: Int, tokenLimit: Int) {
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        self.text = text
        // Native strings already are; a bridged one is copied once here rather than at every chunk.
        self.text.makeContiguousUTF8()
        decodedAll = false
        self.scalarLimit = scalarLimit
        // About eight scalars a word; a whole text when every token is wanted, as matching reads it.
        chunk = tokenLimit < Int.max / 16 ? max(64, tokenLimit * 8) : .max
        offsets.append(0)
        decodeMore()
    }

    /// Decodes up to `chunk` more scalars; `offsets` keeps one more entry than `scalars`, where the next
    /// scalar starts.
    private mutating func decodeMore() {
        let first = scalars.count
        var text = self.text
        let byteCount = text.utf8.count
        var byte = offsets[offsets.count - 1]
        // A scalar takes one byte at least: the buffers grow once by what the chunk may hold, and are
        // written without a uniqueness check per scalar.
        let room = min(chunk, scalarLimit - first, byteCount - byte)
        scalars.append(contentsOf: repeatElement(" ", count: room))
        offsets.append(contentsOf: repeatElement(0, count: room))
        var written = 0
        scalars.withUnsafeMutableBufferPointer { scalars in
            offsets.withUnsafeMutableBufferPointer { offsets in
                text.withUTF8 { bytes in
                    while written < room, byte < bytes.count {
                        let (scalar, width) = Self.decode(bytes, at: byte)
                        byte += width
                        scalars[first + written] = scalar
                        offsets[first + written + 1] = byte
                        written += 1
                    }
                }
            }
        }
        scalars.removeLast(room - written)
        offsets.removeLast(room - written)
        decodedAll = byte == byteCount || scalars.count == scalarLimit
    }

    /// The scalar whose UTF-8 encoding starts at `index` of `bytes` (valid UTF-8, as a string's), and
    /// its width.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let value: UInt32
        let width: Int
        if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            width = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            width = 3
        } else {
            value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
            width = 4
        }
        return (Unicode.Scalar(value).unsafelyUnwrapped, width)
    }

    // MARK: Words (WordScanner's rules)

    /// Scans on from `scanned` until `rawBound` raw words are read (false) or the text's end (true).
    private mutating func scan(_ lexicon: inout WordLexicon, rawBound: Int) -> Bool {
        var index = scanned
        while true {
            // Short of the decoded end, the look-ahead sees what the whole text has there.
            let count = decodedAll ? scalars.count : scalars.count - Self.lookahead
            while index < count {
                let scalar = scalars[index]
                if Separators.isWord(scalar) {
                    append(scalar, at: index)
                    index += 1
                    index = appendASCIIRun(from: index, to: count)
                    continue
                }
                if start != nil {
                    if Separators.isIgnorable(scalar) {
                        addContent(scalar)
                        index += 1
                        continue
                    }
                    if takesJoiner(at: index) {
                        index += 1
                        continue
                    }
                    finish(at: index, &lexicon)
                    if raw.count >= rawBound {
                        scanned = index + 1
                        return false
                    }
                }
                index += 1
            }
            if decodedAll { break }
            decodeMore()
        }
        if start != nil { finish(at: scalars.count, &lexicon) }
        return true
    }

    private mutating func resetScan() {
        scanned = 0
        raw.removeAll(keepingCapacity: true)
        gapStart = 0
        start = nil
        resetWord()
    }

    @inline(__always)
    private mutating func addContent(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            // Lowercased here so that "Hydrogène" and "hydrogène" are one word: case folding would make
            // them one anyway.
            content.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value))
        } else {
            content.append(contentsOf: UTF8.encode(scalar)!)
        }
        contentScalars += 1
        lastContent = scalar
    }

    /// Appends the ASCII letters and digits from `index` on, before `end`, to the word being read, as
    /// ``append(_:at:)`` would one by one; returns where they stop. Most of a text's scalars are such runs.
    @inline(__always)
    private mutating func appendASCIIRun(from index: Int, to end: Int) -> Int {
        var index = index
        while index < end {
            let value = scalars[index].value
            if value >= 0x61 && value <= 0x7A {
                content.append(UInt8(value))
                letters += 1
                groupDigits = 0
            } else if value >= 0x41 && value <= 0x5A {
                content.append(UInt8(value + 0x20))
                letters += 1
                groupDigits = 0
            } else if value >= 0x30 && value <= 0x39 {
                content.append(UInt8(value))
                digits += 1
                groupDigits += 1
            } else {
                break
            }
            contentScalars += 1
            lastContent = scalars[index]
            index += 1
        }
        return index
    }

    private mutating func append(_ scalar: Unicode.Scalar, at index: Int) {
        if start == nil {
            classifyGap(before: index)
            start = index
        }
        addContent(scalar)
        if Separators.isDigit(scalar) {
            digits += 1
            groupDigits += 1
            return
        }
        groupDigits = 0
        if scalar.value < 0x80 {
            letters += 1
            return
        }
        guard scalar.properties.generalCategory != .nonspacingMark else { return }
        letters += 1
    }

    private mutating func takesJoiner(at index: Int) -> Bool {
        let scalar = scalars[index]
        if Separators.isDigitGroupSpace(scalar) {
            guard joinsDigitGroup(at: index) else { return false }
            groupDigits = 0
            return true
        }
        guard index + 1 < scalars.count, Separators.isWord(scalars[index + 1]) else { return false }
        switch scalar {
        case ".", ",":
            if contentScalars > 0, Separators.isDigit(lastContent), Separators.isDigit(scalars[index + 1]) {
                addContent(scalar)
                groupDigits = 0
                hasDecimalMark = true
                return true
            }
            if scalar == ".", continuesDottedAcronym(at: index) {
                inDottedAcronym = true
                return true
            }
            return false
        default:
            guard Separators.isAmpersand(scalar), joinsAmpersand(at: index) else { return false }
            addContent("&")
            hasAmpersand = true
            return true
        }
    }

    private func continuesDottedAcronym(at index: Int) -> Bool {
        guard inDottedAcronym || (letters == 1 && digits == 0 && contentScalars == 1) else { return false }
        guard Separators.isLetter(scalars[index + 1]) else { return false }
        let after = index + 2
        return after >= scalars.count || !Separators.isWord(scalars[after])
    }

    private func joinsAmpersand(at index: Int) -> Bool {
        guard letters <= 3, digits == 0, !hasAmpersand else { return false }
        var end = index + 1
        // A fourth letter already says no: stopping there keeps the look-ahead short.
        while end < scalars.count, end - (index + 1) <= 3, Separators.isWord(scalars[end]) {
            guard Separators.isLetter(scalars[end]) else { return false }
            end += 1
        }
        return end - (index + 1) <= 3
    }

    private func joinsDigitGroup(at index: Int) -> Bool {
        guard letters == 0, !hasAmpersand, !hasDecimalMark, (1...3).contains(groupDigits) else { return false }
        guard index + 3 < scalars.count else { return false }
        for offset in 1...3 where !Separators.isDigit(scalars[index + offset]) { return false }
        let after = index + 4
        return after >= scalars.count || !Separators.isWord(scalars[after])
    }

    private mutating func finish(at end: Int, _ lexicon: inout WordLexicon) {
        guard let wordStart = start else { return }
        let (number, traits) = content.withUnsafeBufferPointer { lexicon.word($0) }
        if !traits.contains(.emptyText) {
            raw.append(RawWord(
                number: number, traits: traits, start: wordStart, end: end, letters: letters, digits: digits,
                hasAmpersand: hasAmpersand))
            gapStart = end
        }
        start = nil
        resetWord()
    }

    private mutating func resetWord() {
        content.removeAll(keepingCapacity: true)
        contentScalars = 0
        letters = 0
        digits = 0
        hasAmpersand = false
        groupDigits = 0
        hasDecimalMark = false
        inDottedAcronym = false
    }

    private mutating func classifyGap(before index: Int) {
        guard !raw.isEmpty else { return }
        var apostrophes = 0, dashes = 0, ampersands = 0, spaces = 0, others = 0
        for position in gapStart..<index {
            let scalar = scalars[position]
            // A single space, the commonest gap, needs no Unicode look-up.
            if scalar == " " {
                spaces += 1
                continue
            }
            if Separators.isIgnorable(scalar) { continue }
            if Separators.isApostrophe(scalar) {
                apostrophes += 1
            } else if Separators.isDash(scalar) {
                dashes += 1
            } else if Separators.isAmpersand(scalar) {
                ampersands += 1
            } else if Separators.isWhitespace(scalar) {
                spaces += 1
            } else {
                others += 1
            }
        }
        let gap: Word.Gap
        switch (apostrophes, dashes, ampersands, spaces, others) {
        case (1, 0, 0, 0, 0): gap = .apostrophe
        case (0, 1, 0, 0, 0): gap = .dash
        case (0, 0, 1, 1..., 0): gap = .spacedAmpersand
        default: gap = .other
        }
        raw[raw.count - 1].gapAfter = gap
    }

    // MARK: Tokens (TokenAssembler's rules)

    /// Assembles the tokens of the raw words read so far, up to `limit`; short of the text's end
    /// (`complete` false), only those the words read settle.
    private func assemble(_ lexicon: inout WordLexicon, complete: Bool, limit: Int, into words: inout [StreamWord]) {
        words.removeAll(keepingCapacity: true)
        var index = 0
        var elided = false
        while index < raw.count, words.count < limit, complete || index + 2 < raw.count {
            var word = raw[index]
            let next = index + 1 < raw.count ? raw[index + 1] : nil
            if word.gapAfter == .apostrophe, next != nil, word.traits.contains(.elision) {
                elided = true
                index += 1
                continue
            }
            index += 1
            if word.gapAfter == .apostrophe, let next, next.traits.contains(.possessiveS), next.gapAfter != .apostrophe {
                index += 1
            } else if word.gapAfter == .spacedAmpersand, let next, Self.joinsSpacedAmpersand(word, next) {
                (word.number, word.traits) = lexicon.word(joining: word.number, next.number)
                word.end = next.end
                index += 1
            }
            words.append(StreamWord(number: word.number, start: offsets[word.start], end: offsets[word.end], elided: elided))
            elided = false
        }
    }

    private static func joinsSpacedAmpersand(_ left: RawWord, _ right: RawWord) -> Bool {
        left.isLettersOnly && right.isLettersOnly && left.letters <= 2 && right.letters <= 2
    }
}
