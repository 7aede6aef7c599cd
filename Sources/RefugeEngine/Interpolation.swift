import RefugeQuestionnaire

/// Fills `{{id}}` in a text with answers. A missing, don't know or prefer-not-to-say answer
/// shows a short placeholder, never the id. `hide` lets a report redact sensitive answers.
public struct Interpolator: Sendable {
    public let interview: Interview
    public let formatter: AnswerFormatter

    public init(interview: Interview, language: String) {
        self.interview = interview
        self.formatter = AnswerFormatter(questionnaire: interview.questionnaire, language: language)
    }

    /// `entry` names the repeat entry whose fields `{{field}}` refers to.
    public func render(_ text: String, entry: (repeatID: String, entryID: String)? = nil,
                       hide: (AnswerRef) -> Bool = { _ in false }) -> String {
        guard Self.mayHavePlaceholder(text) else { return text }
        var result = ""
        let scalars = text.unicodeScalars
        var last = scalars.startIndex
        var i = scalars.startIndex
        while i < scalars.endIndex {
            if let (id, end) = Self.placeholder(in: scalars, at: i) {
                result += String(scalars[last..<i])
                result += value(of: id, entry: entry, hide: hide)
                last = end
                i = end
            } else {
                i = scalars.index(after: i)
            }
        }
        // Whole slices made into strings (a concrete initialiser), not appended scalar by scalar
        // through the generic `append(contentsOf:)`, whose run-time type look-ups cost a first
        // frame about 0.05 ms.
        result += String(scalars[last...])
        return result
    }

    /// Whether two `{` bytes follow each other: every placeholder starts so. The fast path of
    /// `render`, a loop over UTF-8 rather than `String.contains("{{")`, whose `_StringProcessing`
    /// code (0.4 MB) an interview ran for this one test (issue 19). It says yes a little more
    /// often (`{{` before a combining mark), where `render` finds no placeholder and returns the
    /// text as it was.
    public static func mayHavePlaceholder(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    /// `{{ id }}` starting at `i` (white space allowed inside the braces; an id is a lowercase
    /// letter, then lowercase letters, digits and `_`): the id and where the placeholder ends.
    static func placeholder(in s: String.UnicodeScalarView, at start: String.UnicodeScalarView.Index)
        -> (String, String.UnicodeScalarView.Index)? {
        var i = start
        for _ in 0..<2 {
            guard i < s.endIndex, s[i] == "{" else { return nil }
            i = s.index(after: i)
        }
        while i < s.endIndex, s[i].properties.isWhitespace { i = s.index(after: i) }
        guard i < s.endIndex, ("a"..."z").contains(s[i]) else { return nil }
        var id = String.UnicodeScalarView()
        while i < s.endIndex, ("a"..."z").contains(s[i]) || ("0"..."9").contains(s[i]) || s[i] == "_" {
            id.append(s[i]); i = s.index(after: i)
        }
        while i < s.endIndex, s[i].properties.isWhitespace { i = s.index(after: i) }
        for _ in 0..<2 {
            guard i < s.endIndex, s[i] == "}" else { return nil }
            i = s.index(after: i)
        }
        return (String(id), i)
    }

    private func value(of id: String, entry: (repeatID: String, entryID: String)?, hide: (AnswerRef) -> Bool) -> String {
        let missing = ProgramWords.text(.missingPlaceholder, formatter.language)
        guard let item = interview.questionnaire.item(id) else { return missing }
        var ref = AnswerRef(id)
        if let repeatID = item.repeatID {
            guard let entry, entry.repeatID == repeatID else { return missing }
            ref = AnswerRef(field: id, of: repeatID, entry: entry.entryID)
        }
        if hide(ref) { return ProgramWords.text(.redacted, formatter.language) }
        guard interview.isOnPath(ref) else { return missing }
        if item.type == .calculate { return formatter.format(interview.calculatedValue(ref)) ?? missing }
        let answer = interview.answers[ref]
        guard answer.status == .answered, let v = answer.value else { return missing }
        return formatter.format(v, for: item, otherText: answer.otherText)
    }
}
