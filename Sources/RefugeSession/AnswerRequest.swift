#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeQuestionnaire

/// One `refuge answer` call: which question, what to record. It finds the question (the
/// address `id` or `repeat[N].field`), then performs the same `InterviewCommand`s a person would
/// at that question, as one transaction, so the rules are the screen's and plain mode's. A
/// refusal names the question and the rule, never the refused value, and leaves the session
/// unchanged.
public struct AnswerRequest: Sendable {
    public var question: String
    public var value: String?
    public var dontKnow = false
    public var refuse = false
    public var clear = false
    public var otherText: String?
    public var note: String?
    public var translation: String?
    public var followUp: Bool?
    public var lawyerOnly: Bool?

    public init(question: String, value: String?, dontKnow: Bool = false, refuse: Bool = false, clear: Bool = false,
                otherText: String? = nil, note: String? = nil, translation: String? = nil, followUp: Bool? = nil, lawyerOnly: Bool? = nil) {
        self.question = question; self.value = value; self.dontKnow = dontKnow; self.refuse = refuse; self.clear = clear
        self.otherText = otherText; self.note = note; self.translation = translation
        self.followUp = followUp; self.lawyerOnly = lawyerOnly
    }

    public struct Refusal: Error, Equatable {
        public var message: String
    }

    /// `id` or `repeat[N].field`.
    static func parseAddress(_ text: String) -> (id: String, repeatID: String?, position: Int?)? {
        guard let open = text.firstIndex(of: "[") else { return (text, nil, nil) }
        guard let close = text.firstIndex(of: "]"), close > open else { return nil }
        let repeatID = String(text[..<open])
        guard let n = Int(text[text.index(after: open)..<close]), n >= 1 else { return nil }
        let rest = text[text.index(after: close)...]
        guard rest.hasPrefix("."), rest.count > 1 else { return nil }
        return (String(rest.dropFirst()), repeatID, n)
    }

    public func apply(to controller: SessionController) throws {
        let interview = controller.interview
        let q = interview.questionnaire
        func refuse(_ rule: String) -> Refusal { Refusal(message: "`\(question)`: \(rule)") }

        guard let address = AnswerRequest.parseAddress(question) else {
            throw refuse("not a question address; write an id, or repeat_id[N].field_id")
        }
        guard let item = q.item(address.id), item.type.isAsked else {
            throw refuse("this questionnaire has no question with this id")
        }
        var ref = AnswerRef(address.id)
        var newEntryFor: String?
        if let repeatID = address.repeatID, let position = address.position {
            guard item.repeatID == repeatID else { throw refuse("`\(address.id)` is not a field of the repeat `\(repeatID)`") }
            guard interview.isOnPath(AnswerRef(repeatID)) else { throw refuse("the repeat `\(repeatID)` is not on the path with the answers given so far") }
            let entries = interview.entries(of: repeatID)
            if position <= entries.count {
                ref = AnswerRef(field: address.id, of: repeatID, entry: entries[position - 1].entry.id)
            } else if position == entries.count + 1 {
                newEntryFor = repeatID
            } else {
                throw refuse("the repeat `\(repeatID)` has \(entries.count) entries; the next one is [\(entries.count + 1)]")
            }
        } else if item.repeatID != nil {
            throw refuse("`\(address.id)` is a field of the repeat `\(item.repeatID!)`; write \(item.repeatID!)[N].\(address.id)")
        }

        if newEntryFor == nil && !interview.isOnPath(ref) {
            throw refuse("this question is not on the path with the answers given so far")
        }
        if item.type == .repeat, let value {
            guard ["none", "done"].contains(value.lowercased()) else {
                throw refuse("a repeat takes `done` (its entries are complete) or `none`; answer its fields as \(item.id)[N].field")
            }
            if value.lowercased() == "none" && !interview.entries(of: item.id).isEmpty {
                throw refuse("this repeat has entries, so it cannot be answered `none`")
            }
        }

        // The request as the commands a person would give at that question, applied as one
        // act: refused, nothing is kept and the file is not touched.
        let result = try controller.transaction { t throws(CommandProblem) -> Void in
            var at: InterviewCursor
            if let repeatID = newEntryFor {
                let entryID = try t.perform(.addEntry, at: .step(repeatID)).entryID ?? ""
                let field = AnswerRef(field: address.id, of: repeatID, entry: entryID)
                guard t.interview.isOnPath(field) else { throw .notHere }
                at = .field(repeatID: repeatID, entryID: entryID, field: address.id)
            } else {
                at = ref.entryID.map { .field(repeatID: ref.repeatID!, entryID: $0, field: ref.itemID) } ?? .step(ref.itemID)
            }
            if let note { try t.perform(.note(note), at: at) }
            if let translation { try t.perform(.translation(translation), at: at) }
            if let followUp { try t.perform(.followUp(followUp), at: at) }
            if let lawyerOnly { try t.perform(.lawyerOnly(lawyerOnly), at: at) }
            if clear {
                try t.perform(.clear, at: at)
            } else if dontKnow {
                try t.perform(.dontKnow, at: at)
            } else if self.refuse {
                try t.perform(.preferNotToSay, at: at)
            } else if value != nil, item.type == .repeat {
                // `done` or `none`: the list is complete (an earlier "don't know" gives way).
                let status = t.interview.answers[ref].status
                if status == .dontKnow || status == .refused { try t.perform(.clear, at: at) }
                try t.perform(.finishRepeat, at: at)
            } else if let value {
                try t.perform(.answer(value, otherText: otherText), at: at)
            } else if let otherText {
                try t.perform(.otherText(otherText), at: at)
            }
        }
        switch result {
        case .success: return
        case .failure(.notHere) where newEntryFor != nil:
            throw refuse("this field is not asked in a new entry with the answers given so far")
        case .failure(.refused(let problem)):
            // An entry past a repeat's limit is the repeat's rule, worded for the repeat.
            if case .tooManyEntries = problem, let repeatID = newEntryFor, let repeatItem = q.item(repeatID) {
                throw refuse(ruleText(problem, item: repeatItem, q: q))
            }
            throw refuse(ruleText(problem, item: item, q: q))
        case .failure:
            throw refuse("this cannot be answered here")
        }
    }

    /// The rule an answer broke, in the interviewer's words (never the value itself).
    func ruleText(_ problem: AnswerProblem, item: Item, q: Questionnaire) -> String {
        switch problem {
        case .notAChoice:
            if item.type == .yesno { return "the answer must be yes or no" }
            return "the answer must be one of the choices: \(item.choiceValues.joined(separator: ", "))"
        case .wrongKind(let expected): return "the answer must be of the kind `\(expected.rawValue)`"
        case .constraint(let message):
            let text = message?.resolve("en", defaultLanguage: q.defaultLanguage).text ?? "the answer does not meet the question's constraint"
            return "refused by the constraint: \(text)"
        case .dontKnowNotAllowed: return "“don't know” is not allowed for this question"
        case .refuseNotAllowed: return "“prefer not to say” is not allowed for this question"
        default:
            return problem.message("en", defaultLanguage: q.defaultLanguage)
        }
    }
}
