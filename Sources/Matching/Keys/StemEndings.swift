/// The endings the Snowball stemmers of French and English take off a word, as seen from its folded text:
/// what follows the longest common start of a folded word and its folded stem ("es" in "subventions" →
/// "subvent", "ement" in "commencement" → "commenc", "ped" in "stopped" → "stop").
///
/// ``StemStarts`` tells that a pair of adjacent words begins like some key; it cannot tell "e" + "commerces",
/// which stems to the key "ecommerc", from "de" + "laboratoires", which begins like "delai"'s stem but is
/// eleven letters longer. A stem keeps all of its word but such an ending, so a joined pair may stem to a
/// key only when some ending of it starts where the pair leaves the keys' paths, or before. This test
/// spares stemming most pairs that pass the starts'.
///
/// The list holds every such ending of Snowball's own French and English vocabularies and of the pairs of
/// their words that `StemEndingsTests` builds (the test names any missing one). The stemmers compose their
/// suffixes, so a word seldom seen may end in a composition the list lacks; ``leeway`` letters before the
/// ending allow for most (letters undoubled or rewritten in front of a known ending: held out of the list,
/// half of the vocabularies missed 0.05% with a leeway of 2, 0.3% with none). A miss costs only a
/// compound written as two words with such an ending; single words are always stemmed.
struct StemEndings: Sendable {
    /// Letters of a word the stemmer may rewrite or drop just before a listed ending.
    static let leeway = 2

    /// The endings, reversed, in a trie over lowercase ASCII letters: node × 26 → child, 0 for none.
    private var children: [UInt16] = Array(repeating: 0, count: 26)
    /// Per node: whether an ending ends there.
    private var ends: [Bool] = [true]

    /// The endings of French and English.
    static let snowball = StemEndings(endings: listed.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// A trie of `endings`, lowercase ASCII letters each; the empty ending is always one.
    init(endings: [String]) {
        for ending in endings {
            var node = 0
            for byte in ending.utf8.reversed() {
                precondition(byte >= 0x61 && byte <= 0x7A, "an ending is lowercase ASCII letters")
                let slot = node * 26 + Int(byte - 0x61)
                if children[slot] == 0 {
                    children[slot] = UInt16(ends.count)
                    children.append(contentsOf: repeatElement(0, count: 26))
                    ends.append(false)
                }
                node = Int(children[slot])
            }
            ends[node] = true
        }
    }

    /// The length of the longest listed ending of `first` followed by `second`, folded ASCII bytes.
    func longestEnding(of first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Int {
        var node = 0, longest = 0, length = 0
        for byte in second.reversed() where !step(byte, &node, &length, &longest) { return longest }
        for byte in first.reversed() where !step(byte, &node, &length, &longest) { return longest }
        return longest
    }

    /// The length of the longest listed ending of `word` alone, or nil when the endings read backwards go
    /// on past its first byte, so that one may run on into a word before it.
    func longestEnding(ofWord word: UnsafeBufferPointer<UInt8>) -> Int? {
        var node = 0, longest = 0, length = 0
        for byte in word.reversed() where !step(byte, &node, &length, &longest) { return longest }
        return nil
    }

    /// Goes on from `node` by `byte`, read backwards; false when no ending goes on that way.
    @inline(__always)
    private func step(_ byte: UInt8, _ node: inout Int, _ length: inout Int, _ longest: inout Int) -> Bool {
        guard byte >= 0x61, byte <= 0x7A else { return false }
        let child = Int(children[node * 26 + Int(byte - 0x61)])
        guard child != 0 else { return false }
        node = child
        length += 1
        if ends[node] { longest = length }
        return true
    }

    /// How many leading bytes of a word or joined pair whose folded text is `first` followed by `second`
    /// must lie on some key's path for it to stem to that key: all but its longest listed ending and
    /// ``leeway`` letters more.
    func keyPathNeeded(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Int {
        keyPathNeeded(first, second, endingOfSecond: longestEnding(ofWord: second))
    }

    /// ``keyPathNeeded(_:_:)`` given `longestEnding(ofWord: second)`, which a reader keeps per word.
    @inline(__always)
    func keyPathNeeded(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, endingOfSecond: Int?) -> Int {
        first.count + second.count - (endingOfSecond ?? longestEnding(of: first, second)) - Self.leeway
    }

    /// Every ending, shortest first; generated from the vocabularies (see the type's comment).
    private static let listed = """
        a d e i l s t x y ai al as at ce ea ed ee er es ez ic ie if ir is it la le li ls ly na ne or se ta
        te ti ux ya ye ys ais ait als ant ate bed ces ded dly eal eas eat eds eer ees eli ely ent era ere
        ers eux fed ful ged ics ies iez ifs ing ion ira ism ist ite iti ity ive ize lat led lee ler les lic
        lie lir lis lit med nai nat ned nee ner nes nez nie nit ors ous ped red ses ted tee ter tes tez yas
        yat yed yee yer yes yez able ably aise aled ally ames ance ancy ante ants asse ated ates atif ator
        bing cite ding eais eait eals eant eate edly eers eful eing eity eive eize ence enci ency ents eous
        erai eras ered eres erez erli erly euse fing fuls ging ible ibly ical iced icly imes ings ions ique
        irai iras irez isme isms isse iste ists ites itis ives ized izer izes lait lals lant late lees lent
        lera lers leux lful lied lies ling lity lize lous ment ming nais nait nant nees nera ness neux niez
        ning ping ring sion tais tait tant tees tera ting tion yais yait yant yees yera yeux yiez ying abled
        ables aient aises aling alism ality alize allys ament ances ancis anted antes antly asses ately
        ateur atifs ating ation ative ators bings catif cites dings eable eably ealed eally eance eante
        eants eated eates eator eered eerly eings eives eized eizes elied elies ement ences eness ented
        ently erais erait erent erful eriez ering erlys erons eront erred euses fully gedly gings ibles
        icals icate icing icite icity ilite ility iment ingly ional ioned iques irais irait irent iriez
        irons iront ismes isses issez istes itied ities ively ivite ivity izers izing lable lably lance
        lants lated lates lator lence lency lerai lerez leuse lfuls lible libly liced lings lized lness
        lying ments mings mment nable nance nante nants nates nerai neras nerez nings nions oused ously
        pings rings sions tante terez tings tions yable yance yante yants yates yeuse abling aiment alings
        alized alizes allied allies alness amment ancied ancies anting assent assiez ateful ateurs atings
        ations atives atrice cateur cation cative eables eaient ealing ealism eality ealize eances eantes
        eating eation eative eement eerful eering efully eities eizing elying ements encies entful enting
        eously eredly erings erions erness erring ically icated icates icatif icings icites ilites iments
        ionals ioning irions issais issait issant issent issons itiful itying lables laient lantly lately
        lating lation lement lences lently lerais lerait lerent leriez lering lerons leront leuses lingly
        lirent lisses listes lously mented nables naient nantes nement nerais nerait nerent neriez neront
        nessed nesses ningly ousing pingly sement taient tantes tement terais terait teriez tingly yables
        yaient yantes yerent yeuses abilite ability alitied alities alizing allying ancying antings antness
        assions ateness atingly ational ationed atively ativity atrices cations eaiment ealings ealized
        ealizes eallied eamment eatedly eateful eatings eations eerness emented emently enceful enesses
        entedly eraient erative erement erfully eringly erlying errings fulness ibility icalism icality
        icately icateur icating ication icative icingly icities ilities ionally ionings iraient issante
        issants issions ivement iveness ivities ization izingly lations lencies lnesses menting nassent
        nements nessing nissant ousings ousness yamment abilites ablement ableness antingly atefully
        ationals ealingly ealities ealizing eerfully eeringly efulness ementing entative entfully eousness
        eraiment ernesses eusement ications icatives ionality iquement issaient issantes issement itiative
        itifully izations libility lization lousness mentings neraient abilities alization antnesses
        ationally ativement ativeness entatives eratively ernessing ibilities icalities issements leusement
        mentative nablement nissement yablement yeusement ationality eerfulness entatively ionalities
        nissements
        """
}
