import RefugeBasics
// The columns of a sheet: `label::English (en)` is the column `label` in the language
// `English (en)`. Old and alternative spellings are read as the names pyxform documents.

struct ColumnKey: Hashable, Sendable {
    /// Lowercased, with aliases resolved: `label`, `constraint_message`, `media::image`, …
    var base: String
    /// The language part as written (`English (en)`), or nil for a column without one.
    var language: String?

    static let aliases: [String: String] = [
        "relevance": "relevant", "constraint message": "constraint_message", "jr:constraintmsg": "constraint_message",
        "required message": "required_message", "jr:requiredmsg": "required_message",
        "repeat count": "repeat_count", "jr:count": "repeat_count", "read only": "read_only", "readonly": "read_only",
        "list name": "list_name", "choice filter": "choice_filter", "guidance hint": "guidance_hint",
        "image": "media::image", "audio": "media::audio", "video": "media::video", "big-image": "media::big-image",
        "calculate": "calculation",
    ]

    static let oneColonBases: Set<String> = ["label", "hint", "guidance_hint", "constraint_message", "required_message", "image", "audio", "video"]

    init(header: String) {
        var parts = header.piecesSeparated(by: "::").map(\.trimmed)
        // Older forms write `label:English (en)` with one colon.
        if parts.count == 1, let colon = header.firstIndex(of: ":"),
           ColumnKey.oneColonBases.contains(String(header[..<colon]).trimmed.lowercased()) {
            parts = [String(header[..<colon]).trimmed, String(header[header.index(after: colon)...]).trimmed]
        }
        var base = parts[0].lowercased()
        var rest = Array(parts.dropFirst())
        if base == "media", let kind = rest.first {
            base = "media::" + kind.lowercased()
            rest.removeFirst()
        }
        self.base = ColumnKey.aliases[base] ?? base
        let language = rest.joined(separator: "::").trimmed
        self.language = language.isEmpty ? nil : language
    }

    init(base: String, language: String?) { self.base = base; self.language = language }
}

/// One row of a sheet as column → text (blank cells left out).
struct SheetRecord: Sendable {
    var number: Int
    var values: [ColumnKey: String]

    /// The media columns with text, in a fixed order.
    var mediaKinds: [String] {
        Set(values.keys.filter { $0.base.hasPrefix("media::") }.map { String($0.base.dropFirst(7)) }).sorted()
    }

    func value(_ base: String) -> String? {
        values[ColumnKey(base: base, language: nil)]
    }

    /// The texts of a translatable column by language tag as written (nil: no language).
    func texts(_ base: String) -> [(tag: String?, text: String)] {
        // In a fixed order (no language first), so messages come out the same on every run.
        values.filter { $0.key.base == base }.map { ($0.key.language, $0.value) }.sorted { ($0.tag ?? "") < ($1.tag ?? "") }
    }
}

extension Sheet {
    var keys: [ColumnKey] { header.map(ColumnKey.init(header:)) }

    var records: [SheetRecord] {
        let keys = self.keys
        return rows.map { row in
            var values: [ColumnKey: String] = [:]
            for (index, cell) in row.cells.enumerated() where index < keys.count && !keys[index].base.isEmpty {
                let text = cell.trimmed
                if !text.isEmpty { values[keys[index]] = text }
            }
            return SheetRecord(number: row.number, values: values)
        }
    }
}

/// Language codes from XLSForm's language tags. The tag's code in brackets wins (`Français (fr)`);
/// a bare name is looked up among common ones (pyxform accepts bare names; ODK recommends the
/// code in brackets: https://docs.getodk.org/form-language/).
enum LanguageTags {
    static let names: [String: String] = [
        "english": "en", "french": "fr", "français": "fr", "francais": "fr", "spanish": "es", "español": "es",
        "espanol": "es", "portuguese": "pt", "português": "pt", "arabic": "ar", "russian": "ru", "ukrainian": "uk",
        "haitian creole": "ht", "kreyòl": "ht", "creole": "ht", "persian": "fa", "farsi": "fa", "dari": "prs", "pashto": "ps",
        "swahili": "sw", "somali": "so", "amharic": "am", "tigrinya": "ti", "hindi": "hi", "urdu": "ur",
        "bengali": "bn", "chinese": "zh", "mandarin": "zh", "turkish": "tr", "kurdish": "ku", "hausa": "ha",
        "german": "de", "italian": "it", "vietnamese": "vi", "burmese": "my", "nepali": "ne", "tamil": "ta",
        "k'iche'": "quc", "mam": "mam", "quechua": "qu", "indonesian": "id", "malay": "ms", "thai": "th",
    ]

    /// The BCP 47 code of a tag, or nil when it has none that can be told.
    static func code(_ tag: String) -> String? {
        let trimmed = tag.trimmed
        if let open = trimmed.lastIndex(of: "("), trimmed.hasSuffix(")") {
            let inside = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmed
            if isCode(inside) { return inside }
        }
        if isCode(trimmed) { return trimmed }
        return names[trimmed.lowercased()]
    }

    /// `^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`, as the questionnaire format requires.
    static func isCode(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
