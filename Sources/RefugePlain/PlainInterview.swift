#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// The interview as a conversation of lines: each question printed once, the answer typed
/// and Enter, commands on lines starting with `:`. Every answer is saved (through the
/// session controller) before the next line is read; end of input stops cleanly.
public struct PlainInterview {
    let controller: SessionController
    var cursor: InterviewCursor
    var lastSection: String?
    var stopped = false

    public init(controller: SessionController) {
        self.controller = controller
        cursor = InterviewCursor.resume(controller.interview, at: controller.session.position)
    }

    var language: String { controller.session.language }
    var interview: Interview { controller.interview }
    var questionnaire: Questionnaire { controller.questionnaire }

    public mutating func run<IO: LineIO>(_ io: inout IO) {
        io.write(PlainText.clean(questionnaire.title.resolve(language, defaultLanguage: questionnaire.defaultLanguage).text))
        io.write(PlainWords.text(.helpHint, language))
        var needsShow = true
        while !stopped {
            if needsShow { show(&io) }
            guard let line = io.readLine() else {
                io.write(PlainWords.text(.endOfInput, language))
                return
            }
            needsShow = handle(line, &io)
        }
    }

    // MARK: Showing

    func ref(for cursor: InterviewCursor) -> AnswerRef? { cursor.ref }

    func text(_ t: LocalizedText?, audience: Audience = .client, entry: (String, String)? = nil) -> String? {
        guard let t else { return nil }
        let lang = audience == .interviewer ? controller.session.interviewerLanguage : language
        let (raw, fallback) = t.resolve(lang, defaultLanguage: questionnaire.defaultLanguage)
        let rendered = Interpolator(interview: interview, language: lang).render(raw, entry: entry.map { (repeatID: $0.0, entryID: $0.1) })
        return fallback ? rendered + " " + ProgramWords.text(.fallbackMarker, lang) : rendered
    }

    mutating func show<IO: LineIO>(_ io: inout IO) {
        guard let ref = ref(for: cursor), let item = interview.item(ref) else {
            io.write(PlainWords.text(.complete, language))
            let gaps = interview.unansweredRequired.map(\.label)
            if !gaps.isEmpty { io.write(PlainWords.format(.requiredLeft, language, gaps.joined(separator: ", "))) }
            return
        }
        if item.sectionID != lastSection, let section = questionnaire.section(item.sectionID) {
            io.write("")
            io.write("== " + PlainText.clean(text(section.title) ?? section.id) + " ==")
            lastSection = item.sectionID
        }
        let entry = ref.entryID.map { (ref.repeatID!, $0) }
        io.write("")
        if item.type.isAsked && ref.entryID == nil {
            let asked = interview.path.steps.filter { questionnaire.item($0)?.type.isAsked ?? false }
            if let n = asked.firstIndex(of: item.id) {
                io.write(PlainWords.format(.progress, language, String(n + 1), String(asked.count)))
            }
        }
        if let entryID = ref.entryID, let repeatID = ref.repeatID,
           let n = interview.entries(of: repeatID).firstIndex(where: { $0.entry.id == entryID }) {
            io.write(PlainWords.format(.entryHeading, language, String(n + 1)))
        }
        if item.audience == .interviewer { io.write(PlainWords.text(.interviewerMark, language)) }
        if let prompt = text(item.prompt, audience: item.audience, entry: entry) {
            for line in PlainText.lines(prompt) { io.write(line) }
        }
        if item.type == .info {
            for line in PlainText.lines(text(item.text, audience: item.audience, entry: entry) ?? "") { io.write(line) }
            io.write(PlainWords.text(.pressEnter, language))
            return
        }
        if let help = text(item.help, audience: item.audience, entry: entry) {
            for line in PlainText.lines(help) { io.write(line) }
        }
        let formatter = AnswerFormatter(questionnaire: questionnaire, language: language)
        switch item.type {
        case .choice, .multichoice:
            for (i, choice) in item.choices.enumerated() {
                io.write("  \(i + 1). " + PlainText.clean(formatter.label(of: choice, in: item)))
            }
            if item.type == .multichoice { io.write("  0. " + ProgramWords.text(.noneOfThese, language)) }
            io.write(PlainWords.text(item.type == .choice ? .chooseNumber : .chooseNumbers, language))
        case .yesno: io.write(PlainWords.text(.typeYesNo, language))
        case .number: io.write(PlainWords.text(.typeNumber, language))
        case .date: io.write(PlainWords.text(.typeDate, language))
        case .longtext: io.write(PlainWords.text(.typeLongText, language))
        case .text: io.write(PlainWords.text(.typeAnswer, language))
        case .repeat:
            let entries = interview.entries(of: item.id)
            if entries.isEmpty { io.write(PlainWords.text(.noEntries, language)) }
            for (i, e) in entries.enumerated() {
                let label = text(item.entryLabel, entry: (item.id, e.entry.id)) ?? "\(ProgramWords.text(.entry, language)) \(i + 1)"
                io.write("  \(i + 1). " + PlainText.clean(label))
            }
            if let expected = interview.path.repeats[item.id]?.expectedCount {
                io.write(PlainWords.format(.repeatCountHint, language, String(expected)))
            } else {
                io.write(PlainWords.text(.repeatHint, language))
            }
        case .info, .calculate: break
        }
        let record = interview.answers[ref]
        if item.type != .repeat, let shown = formatter.display(record, for: item) {
            io.write(PlainWords.format(.currentAnswer, language, PlainText.clean(shown).replacingEvery("\n", with: " ")))
        }
    }
}
