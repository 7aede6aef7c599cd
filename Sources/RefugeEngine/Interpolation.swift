import Foundation
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

    static let placeholder = try! NSRegularExpression(pattern: "\\{\\{\\s*([a-z][a-z0-9_]*)\\s*\\}\\}")

    /// `entry` names the repeat entry whose fields `{{field}}` refers to.
    public func render(_ text: String, entry: (repeatID: String, entryID: String)? = nil,
                       hide: (AnswerRef) -> Bool = { _ in false }) -> String {
        guard text.contains("{{") else { return text }
        let ns = text as NSString
        var result = ""
        var last = 0
        for match in Interpolator.placeholder.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let id = ns.substring(with: match.range(at: 1))
            result += value(of: id, entry: entry, hide: hide)
            last = match.range.location + match.range.length
        }
        result += ns.substring(from: last)
        return result
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
