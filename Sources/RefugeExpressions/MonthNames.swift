// Month names people type, in the languages of the shipped questionnaires (English, Spanish,
// Russian, Ukrainian, French, Haitian Creole, and the Gregorian names written in Persian),
// with common abbreviations and the grammatical forms that appear in dates
// ("3 сентября", "в сентябре"). Persian Solar Hijri month names are deliberately absent:
// they belong to another calendar and must not be read as Gregorian months.

enum MonthNames {
    /// Spellings per month, January first. Compared after `fold`.
    static let spellings: [[String]] = [
        ["january", "jan", "enero", "ene", "январь", "января", "январе", "янв",
         "січень", "січня", "janvier", "janv", "janvye", "ژانویه"],
        ["february", "feb", "febrero", "февраль", "февраля", "феврале", "фев", "февр",
         "лютий", "лютого", "février", "févr", "fevriye", "فوریه"],
        ["march", "mar", "marzo", "март", "марта", "марте", "березень", "березня",
         "mars", "mas", "مارس"],
        ["april", "apr", "abril", "abr", "апрель", "апреля", "апреле", "апр",
         "квітень", "квітня", "avril", "avr", "آوریل"],
        ["may", "mayo", "май", "мая", "мае", "травень", "травня", "mai", "me", "مه", "می"],
        ["june", "jun", "junio", "июнь", "июня", "июне", "июн", "червень", "червня",
         "juin", "jen", "ژوئن"],
        ["july", "jul", "julio", "июль", "июля", "июле", "июл", "липень", "липня",
         "juillet", "juil", "jiyè", "ژوئیه"],
        ["august", "aug", "agosto", "ago", "август", "августа", "августе", "авг",
         "серпень", "серпня", "août", "out", "اوت", "آگوست"],
        ["september", "sep", "sept", "septiembre", "setiembre", "set", "сентябрь", "сентября",
         "сентябре", "сен", "сент", "вересень", "вересня", "septembre", "septanm", "سپتامبر"],
        ["october", "oct", "octubre", "октябрь", "октября", "октябре", "окт",
         "жовтень", "жовтня", "octobre", "oktòb", "اکتبر"],
        ["november", "nov", "noviembre", "ноябрь", "ноября", "ноябре", "ноя", "нояб",
         "листопад", "листопада", "novembre", "novanm", "نوامبر"],
        ["december", "dec", "diciembre", "dic", "декабрь", "декабря", "декабре", "дек",
         "грудень", "грудня", "décembre", "déc", "desanm", "دسامبر"],
    ]

    /// Folded spelling to month number (1-12).
    static let byFoldedName: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, names) in spellings.enumerated() {
            for name in names { table[fold(name)] = index + 1 }
        }
        return table
    }()

    /// Lowercase without accents, so "Février", "fevrier" and "FÉVR" all match.
    static func fold(_ word: some StringProtocol) -> String {
        TextFolding.caseAndDiacritics(word)
    }

    static func month(named word: some StringProtocol) -> Int? {
        byFoldedName[fold(word)]
    }

    /// Words that may surround the parts of a date without changing it:
    /// "3 de septiembre de 2022", "3 сентября 2022 г.", "the 3rd of September", "в сентябре".
    static let fillerWords: Set<String> = Set(
        ["de", "del", "of", "the", "г", "год", "года", "в", "р", "року", "у"].map { fold($0) })
}
