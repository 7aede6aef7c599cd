#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions
import RefugeQuestionnaire

/// Shows answers the way a person expects: a choice's label in the current language, dates
/// as `YYYY-MM-DD` (with `~` when approximate), numbers as typed, multichoice labels joined.
public struct AnswerFormatter: Sendable {
    public let questionnaire: Questionnaire
    public let language: String

    public init(questionnaire: Questionnaire, language: String) {
        self.questionnaire = questionnaire
        self.language = language
    }

    public func label(of choice: Choice, in item: Item) -> String {
        AnswerFormatter.label(of: choice, other: item.other, language: language, defaultLanguage: questionnaire.defaultLanguage)
    }

    private static func label(of choice: Choice, other: Bool, language: String, defaultLanguage: String) -> String {
        if choice.value == "other" && other && choice.label.translations.isEmpty {
            return ProgramWords.text(.otherPleaseSay, language)
        }
        return choice.label.resolve(language, defaultLanguage: defaultLanguage).text
    }

    /// A coded value as `format(.choice(value), for: item)` shows it without other text, from
    /// the parts of the item it reads: a caller that reads an item in place (the reports, over
    /// ten thousand items) need not copy the whole item, nor a formatter with its questionnaire.
    public static func choiceLabel(_ value: String, type: ItemType, choices: [Choice], other: Bool,
                                   language: String, defaultLanguage: String) -> String {
        if type == .yesno { return ProgramWords.text(value == "yes" ? .yes : .no, language) }
        guard let choice = choices.first(where: { $0.value == value }) else { return value }
        return label(of: choice, other: other, language: language, defaultLanguage: defaultLanguage)
    }

    public func format(_ value: AnswerValue, for item: Item, otherText: String? = nil) -> String {
        switch value {
        case .text(let s): return s
        case .number(let n): return AnswerFormatter.format(number: n)
        case .date(let d): return d.isoString
        case .choice(let v):
            if item.type != .yesno, v == "other", item.other, let otherText, !otherText.isEmpty {
                return "\(label(ofValue: v, in: item)): \(otherText)"
            }
            return AnswerFormatter.choiceLabel(v, type: item.type, choices: item.choices, other: item.other,
                                               language: language, defaultLanguage: questionnaire.defaultLanguage)
        case .choices(let vs):
            if vs.isEmpty { return ProgramWords.text(.noneOfThese, language) }
            return vs.map { v in
                if v == "other", item.other, let otherText, !otherText.isEmpty {
                    return "\(label(ofValue: v, in: item)): \(otherText)"
                }
                return label(ofValue: v, in: item)
            }.joined(separator: ", ")
        }
    }

    public func label(ofValue value: String, in item: Item) -> String {
        guard let choice = item.choice(value) else { return value }
        return label(of: choice, in: item)
    }

    /// The answer as shown to people, including don't know / prefer not to say; nil when none.
    public func display(_ answer: Answer, for item: Item) -> String? {
        switch answer.status {
        case .dontKnow: return ProgramWords.text(.dontKnow, language)
        case .refused: return ProgramWords.text(.preferNotToSay, language)
        case .answered:
            if item.type == .repeat { return nil }
            return answer.value.map { format($0, for: item, otherText: answer.otherText) }
        case nil: return nil
        }
    }

    /// A number in its canonical form: every digit, no exponent, no `.0` on an integer, no
    /// zeros at the end of a fraction (`3`, `2.5`, `9007199254740993`, `0.000001`).
    public static func format(number n: ExactNumber) -> String { n.description }

    /// A calculated value for people.
    public func format(_ value: Value) -> String? {
        switch value {
        case .nothing: return nil
        case .text(let s): return s
        case .number(let n): return AnswerFormatter.format(number: n)
        case .date(let d): return d.isoString
        case .bool(let b): return ProgramWords.text(b ? .yes : .no, language)
        case .set(let s): return s.sorted().joined(separator: ", ")
        case .list(let l): return l.compactMap { format($0) }.joined(separator: ", ")
        }
    }
}
