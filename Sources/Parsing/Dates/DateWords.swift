/// Month, weekday and time-zone names as they appear in feed dates.
enum DateWords {
    /// The month a word names exactly: English (full or abbreviated) or French (with or without accents).
    static func month(_ word: String) -> Int? { months[word] }

    /// The month a longer word starts with ("Sept", "Octob"); asked only after weekdays, so "mardi" is not March.
    static func monthByPrefix(_ word: String) -> Int? {
        word.count > 3 ? months[String(word.prefix(3))] : nil
    }

    static func isWeekday(_ word: String) -> Bool {
        weekdays.contains(word) || (word.count > 3 && weekdays.contains(String(word.prefix(3))))
    }

    /// Seconds east of UTC for a zone name, including RFC 822's military letters.
    static func zoneOffset(_ word: String) -> Int? {
        if let hours = zones[word] { return Int(hours * 3600) }
        guard word.utf8.count == 1, let letter = word.utf8.first else { return nil }
        // RFC 822 military zones, with RFC 822's signs: A–I and K–M west, N–Y east, Z is UTC.
        switch letter {
        case UInt8(ascii: "a")...UInt8(ascii: "i"): return -Int(letter - UInt8(ascii: "a") + 1) * 3600
        case UInt8(ascii: "k")...UInt8(ascii: "m"): return -Int(letter - UInt8(ascii: "k") + 10) * 3600
        case UInt8(ascii: "n")...UInt8(ascii: "y"): return Int(letter - UInt8(ascii: "n") + 1) * 3600
        case UInt8(ascii: "z"): return 0
        default: return nil
        }
    }

    /// Words that may sit between date parts and mean nothing for the instant.
    static let fillers: Set<String> = ["at", "le", "à", "of", "the", "am", "pm"]

    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "janvier": 1, "janv": 1,
        "feb": 2, "february": 2, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
        "mar": 3, "march": 3, "mars": 3,
        "apr": 4, "april": 4, "avril": 4, "avr": 4,
        "may": 5, "mai": 5,
        "jun": 6, "june": 6, "juin": 6,
        "jul": 7, "july": 7, "juillet": 7, "juil": 7,
        "aug": 8, "august": 8, "août": 8, "aout": 8, "aoû": 8,
        "sep": 9, "sept": 9, "september": 9, "septembre": 9,
        "oct": 10, "october": 10, "octobre": 10,
        "nov": 11, "november": 11, "novembre": 11,
        "dec": 12, "december": 12, "décembre": 12, "decembre": 12, "déc": 12,
    ]

    private static let weekdays: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "tues", "thur", "thurs",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lun", "mer", "jeu", "ven", "sam", "dim",
    ]

    private static let zones: [String: Double] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "nst": -3.5, "ndt": -2.5,
        "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2, "met": 1, "mest": 2, "mez": 1, "mesz": 2,
        "eet": 2, "eest": 3, "msk": 3, "jst": 9, "kst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
    ]
}
