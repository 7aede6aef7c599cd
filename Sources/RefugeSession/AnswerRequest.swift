import Foundation
import RefugeEngine
import RefugeQuestionnaire

/// One `refuge answer` call: which question, what to record. Goes through the engine's rules
/// (path, type, constraint, choices) and refuses with a message that names the question and
/// the rule, never the refused value; a refused request leaves the session unchanged.
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
        let language = controller.session.language
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

        // Work out the new record before touching the session, so a refusal changes nothing.
        var record = newEntryFor == nil ? interview.answers[ref] : Answer()
        if newEntryFor == nil && !interview.isOnPath(ref) {
            throw refuse("this question is not on the path with the answers given so far")
        }
        if clear {
            record.clearAnswer()
        } else if dontKnow {
            guard item.allowDontKnow else { throw refuse("“don't know” is not allowed for this question") }
            record.clearAnswer(); record.status = .dontKnow
        } else if self.refuse {
            guard item.allowRefuse else { throw refuse("“prefer not to say” is not allowed for this question") }
            record.clearAnswer(); record.status = .refused
        } else if let value {
            if item.type == .repeat {
                guard ["none", "done"].contains(value.lowercased()) else {
                    throw refuse("a repeat takes `done` (its entries are complete) or `none`; answer its fields as \(item.id)[N].field")
                }
                if value.lowercased() == "none" && !interview.entries(of: item.id).isEmpty {
                    throw refuse("this repeat has entries, so it cannot be answered `none`")
                }
                record.clearAnswer(); record.status = .answered
            } else {
                let parsed: AnswerValue
                switch AnswerParser.parse(value, for: item, language: language) {
                case .success(let v): parsed = v
                case .failure(let problem): throw refuse(ruleText(problem, item: item, q: q))
                }
                let other = otherText ?? record.otherText
                if newEntryFor == nil, let problem = interview.problem(with: parsed, otherText: other, for: ref) {
                    throw refuse(ruleText(problem, item: item, q: q))
                }
                if newEntryFor != nil, let problem = AnswerRules.problem(with: parsed, otherText: other, for: item) {
                    throw refuse(ruleText(problem, item: item, q: q))
                }
                record.status = .answered
                record.value = parsed
                record.draft = nil
                let usesOther: Bool
                switch parsed {
                case .choice(let v): usesOther = v == "other"
                case .choices(let vs): usesOther = vs.contains("other")
                default: usesOther = false
                }
                record.otherText = usesOther ? other : nil
            }
        } else if let otherText {
            record.otherText = otherText
        }
        if let note { record.note = note.isEmpty ? nil : note }
        if let translation { record.translation = translation.isEmpty ? nil : translation }
        if let followUp { record.followUp = followUp }
        if let lawyerOnly { record.lawyerOnly = lawyerOnly }

        if let repeatID = newEntryFor {
            let entryID: String
            do {
                entryID = try controller.addEntry(to: repeatID)
            } catch let problem as AnswerProblem {
                // Worded like every other refusal (not the problem's programmer name).
                guard let repeatItem = q.item(repeatID) else { throw problem }
                throw refuse(ruleText(problem, item: repeatItem, q: q))
            }
            ref = AnswerRef(field: address.id, of: repeatID, entry: entryID)
            guard controller.interview.isOnPath(ref) else {
                throw refuse("this field is not asked in a new entry with the answers given so far")
            }
        }
        let final = record
        try controller.change(ref) { $0 = final }
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
        default:
            return problem.message("en", defaultLanguage: q.defaultLanguage)
        }
    }
}
