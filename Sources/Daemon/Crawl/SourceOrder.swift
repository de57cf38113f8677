import Model

/// The order in which a pass starts its sources: one source of each host in turn.
///
/// A pass starts a bounded number of sources at a time (``Crawler``), and the fetcher makes the sources of
/// one host wait for each other (connections per host, minimum delay). In configuration order, the sources
/// of a large site sit next to each other and could fill every start with requests waiting for that one
/// host while other hosts stay idle; taking hosts in turn keeps the started sources spread over hosts.
enum SourceOrder {
    /// `sources` with hosts taken in turn, each host's sources in their given order, hosts in the order
    /// of their first source.
    static func hostsInTurn(_ sources: [Source], url: (Source) -> String) -> [Source] {
        var hostIndex: [Substring: Int] = [:]
        var taken: [Int] = []
        // Each source's place: its rank among its host's sources, then its host's first appearance.
        var places: [(rank: Int, host: Int, source: Int)] = []
        places.reserveCapacity(sources.count)
        for (position, source) in sources.enumerated() {
            let key = host(of: url(source))
            let index: Int
            if let known = hostIndex[key] {
                index = known
            } else {
                index = taken.count
                hostIndex[key] = index
                taken.append(0)
            }
            places.append((taken[index], index, position))
            taken[index] += 1
        }
        guard taken.count > 1 else { return sources }
        places.sort { ($0.rank, $0.host) < ($1.rank, $1.host) }
        return places.map { sources[$0.source] }
    }

    /// The authority of `url` (between `//` and the path), lower-cased: a grouping key, not a parser —
    /// a URL it misreads only lands in another group.
    static func host(of url: String) -> Substring {
        let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return Substring(hostAndPort.lowercased())
    }
}
