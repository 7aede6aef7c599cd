import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import XCTest

/// What a person says to one question in a scripted walkthrough.
enum Said: ExpressibleByStringLiteral, Sendable {
    /// Typed as the person would type it (a choice by value, yes/no in their language, a date).
    case typed(String, note: String? = nil, followUp: Bool = false)
    case dontKnow
    case preferNotToSay
    /// A repeat: one set of answers per entry, entered in order (an empty list answers `none`).
    case entries([[String: Said]])

    init(stringLiteral value: String) { self = .typed(value) }
}

/// Walks a session's path in order and answers each question with `AnswerRequest`, exactly as
/// `refuge answer` does: the scripted answers are the story; a question the script does not
/// name is answered with a neutral default (don't know, or an empty list) and remembered.
/// A refused answer fails the test with the engine's message.
struct ScriptedInterview {
    let script: [String: Said]
    /// The ids on the path just before each top-level question was answered, by its id: what
    /// the path looked like before and after an answer that opens or closes a branch.
    private(set) var pathBefore: [String: Set<String>] = [:]

    /// Addresses answered, in order (`id`, or `repeat[N].field`).
    private(set) var asked: [String] = []
    /// Addresses answered with a default because the script did not name them.
    private(set) var defaulted: [String] = []

    init(_ script: [String: Said]) { self.script = script }

    /// The client-facing questions asked on the walk: top-level questions put to the client
    /// (`audience: client`), a repeat counted once and its fields not at all, as progress counts
    /// them. Interviewer-coded questions and information screens are not counted.
    func clientQuestions(in questionnaire: Questionnaire) -> [String] {
        asked.filter { address in
            guard !address.contains("["), let item = questionnaire.item(address) else { return false }
            return item.audience == .client && item.type.isAsked
        }
    }

    /// Whether `id` was on the path when `question` came up (nil: `question` never came up).
    func wasOnPath(_ id: String, whenAsked question: String) -> Bool? { pathBefore[question]?.contains(id) }

    struct Stuck: Error, CustomStringConvertible { var description: String }

    mutating func walk(_ controller: SessionController, file: StaticString = #filePath, line: UInt = #line) throws {
        var usedScript = Set<String>()
        for _ in 0..<1000 {
            let interview = controller.interview
            guard let next = interview.path.steps.first(where: { id in
                guard let item = interview.questionnaire.item(id), item.type.isAsked else { return false }
                return interview.answers.byID[id]?.status == nil
            }), let item = interview.questionnaire.item(next) else {
                let unused = Set(script.keys).subtracting(usedScript).sorted()
                XCTAssertEqual(unused, [], "scripted answers to questions that were never on the path", file: file, line: line)
                return
            }
            pathBefore[next] = interview.path.onPath
            usedScript.insert(next)
            if item.type == .repeat {
                var entries: [[String: Said]] = []
                if case .entries(let scripted)? = script[next] { entries = scripted } else if script[next] == nil { defaulted.append(next) }
                for (n, fields) in entries.enumerated() {
                    try answerEntry(n + 1, of: item, fields, controller, file: file, line: line)
                }
                let request = AnswerRequest(question: next, value: entries.isEmpty ? "none" : "done")
                try apply(request, controller, file: file, line: line)
            } else {
                try apply(request(for: item, address: next, script[next], scripted: script[next] != nil), controller, file: file, line: line)
            }
        }
        throw Stuck(description: "the walk did not reach the end of the path in 1000 answers")
    }

    /// Answers the fields of entry `number` in the order the entry's path gives them.
    private mutating func answerEntry(_ number: Int, of repeatItem: Item, _ fields: [String: Said], _ controller: SessionController,
                                      file: StaticString, line: UInt) throws {
        var usedFields = Set<String>()
        for _ in 0..<200 {
            let interview = controller.interview
            let entries = interview.entries(of: repeatItem.id)
            let fieldID: String
            if number > entries.count {
                // A new entry is made by answering its first field.
                fieldID = repeatItem.fields[0].id
            } else {
                let entry = entries[number - 1]
                guard let open = entry.fields.first(where: { entry.entry.answers[$0]?.status == nil }) else {
                    let unused = Set(fields.keys).subtracting(usedFields).sorted()
                    XCTAssertEqual(unused, [], "scripted fields of \(repeatItem.id)[\(number)] that were never asked", file: file, line: line)
                    return
                }
                fieldID = open
            }
            guard let field = interview.questionnaire.item(fieldID) else { throw Stuck(description: "no field \(fieldID)") }
            usedFields.insert(fieldID)
            let address = "\(repeatItem.id)[\(number)].\(fieldID)"
            try apply(request(for: field, address: address, fields[fieldID], scripted: fields[fieldID] != nil), controller, file: file, line: line)
        }
        throw Stuck(description: "entry \(number) of \(repeatItem.id) never came to an end")
    }

    private mutating func request(for item: Item, address: String, _ said: Said?, scripted: Bool) -> AnswerRequest {
        if !scripted { defaulted.append(address) }
        switch said ?? defaultAnswer(item) {
        case .typed(let value, let note, let followUp):
            return AnswerRequest(question: address, value: value, note: note, followUp: followUp ? true : nil)
        case .dontKnow:
            return AnswerRequest(question: address, value: nil, dontKnow: true)
        case .preferNotToSay:
            return AnswerRequest(question: address, value: nil, refuse: true)
        case .entries:
            return AnswerRequest(question: address, value: "done")
        }
    }

    /// What an unscripted question gets: an empty list where the question invites one, else don't know.
    private func defaultAnswer(_ item: Item) -> Said {
        if item.type == .multichoice && (item.minCount ?? 0) == 0 { return .typed("") }
        return .dontKnow
    }

    private mutating func apply(_ request: AnswerRequest, _ controller: SessionController, file: StaticString, line: UInt) throws {
        do {
            try request.apply(to: controller)
            asked.append(request.question)
        } catch let refusal as AnswerRequest.Refusal {
            XCTFail("the engine refused an answer: \(refusal.message)", file: file, line: line)
            throw refusal
        }
    }
}
