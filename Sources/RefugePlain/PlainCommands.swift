#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

extension PlainInterview {
    mutating func command<IO: LineIO>(_ text: String, _ io: inout IO) -> Bool {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let word = parts.first.map { String($0).lowercased() } ?? ""
        let argument = parts.count > 1 ? String(parts[1]) : ""
        guard let command = PlainCommand.aliases[word] else {
            io.write(PlainWords.text(.unknownCommand, language))
            return false
        }
        let ref = ref(for: cursor)
        switch command {
        case .help:
            io.write(PlainWords.text(.helpTitle, language))
            for c in PlainCommand.allCases { io.write("  :\(c.word(language)) - \(c.explanation(language))") }
            return true
        case .back:
            return perform(.back, &io)
        case .review:
            review(&io)
            return true
        case .note, .translation, .flag, .lawyer:
            guard let ref else { return false }
            let current = interview.answers[ref]
            let change: InterviewCommand
            let said: PlainWords.Word
            switch command {
            case .note: change = .note(argument); said = .noteSaved
            case .translation: change = .translation(argument); said = .translationSaved
            case .flag: change = .followUp(!current.followUp); said = current.followUp ? .flagOff : .flagOn
            default: change = .lawyerOnly(!current.lawyerOnly); said = current.lawyerOnly ? .lawyerOff : .lawyerOn
            }
            switch attempt(change, &io) {
            case .success?: io.write(PlainWords.text(said, language))
            case .failure(let problem)?: io.write(words(problem, for: change))
            case nil: break
            }
            return false
        case .dontknow:
            return perform(.dontKnow, &io)
        case .refuse:
            return perform(.preferNotToSay, &io)
        case .add:
            return perform(.addEntry, &io)
        case .done:
            return perform(.finishRepeat, &io)
        case .language:
            let code = argument.trimmingSpaces
            guard questionnaire.languages.contains(code) else {
                io.write(PlainWords.format(.languageUnknown, language, questionnaire.languages.joined(separator: ", ")))
                return false
            }
            guard save(io: &io, { try $0.setLanguage(code) }) else { return false }
            io.write(PlainWords.text(.languageChanged, language))
            lastSection = nil
            return true
        case .save:
            if save(io: &io, { try $0.retrySave() }) { io.write(PlainWords.text(.saved, language)) }
            return false
        case .quit:
            if save(io: &io, { try $0.retrySave() }) {
                io.write(PlainWords.format(.quitting, language, controller.session.id))
            }
            stopped = true
            return false
        }
    }

    /// Every question on the path with its answer and marks, points to clarify first.
    func review<IO: LineIO>(_ io: inout IO) {
        io.write("")
        io.write(PlainWords.text(.reviewTitle, language))
        let checks = interview.holdingChecks.filter { $0.kind == .clarify }
        let interviewerLanguage = controller.session.interviewerLanguage
        if !checks.isEmpty {
            io.write(PlainWords.text(.clarifyTitle, language))
            for check in checks {
                io.write("  - " + PlainText.clean(check.message.resolve(interviewerLanguage, defaultLanguage: questionnaire.defaultLanguage).text))
            }
        }
        let formatter = AnswerFormatter(questionnaire: questionnaire, language: language)
        var n = 0
        func line(_ prefix: String, _ ref: AnswerRef, _ item: Item, entry: (String, String)?) {
            let record = interview.answers[ref]
            let prompt = PlainText.clean(text(item.prompt, audience: item.audience, entry: entry) ?? item.id).replacingEvery("\n", with: " ")
            var shown = formatter.display(record, for: item) ?? PlainWords.text(.noAnswer, language)
            if item.type == .repeat, record.status == .answered || !interview.entries(of: item.id).isEmpty {
                shown = ProgramWords.format(.entriesCount, language, String(interview.entries(of: item.id).count))
            }
            shown = PlainText.clean(shown).replacingEvery("\n", with: " / ")
            var marks: [String] = []
            if record.followUp { marks.append(PlainWords.text(.flagOn, language)) }
            if record.lawyerOnly { marks.append(PlainWords.text(.lawyerOn, language)) }
            if let note = record.note { marks.append(PlainText.clean(note)) }
            io.write("\(prefix) \(prompt): \(shown)" + (marks.isEmpty ? "" : " [" + marks.joined(separator: "; ") + "]"))
        }
        for id in interview.path.steps {
            guard let item = questionnaire.item(id), item.type.isAsked else { continue }
            n += 1
            line("\(n).", AnswerRef(id), item, entry: nil)
            if item.type == .repeat {
                for (i, entry) in interview.entries(of: id).enumerated() {
                    for fieldID in entry.fields {
                        guard let field = questionnaire.item(fieldID) else { continue }
                        line("   \(i + 1).", AnswerRef(field: fieldID, of: id, entry: entry.entry.id), field, entry: (id, entry.entry.id))
                    }
                }
            }
        }
    }
}
