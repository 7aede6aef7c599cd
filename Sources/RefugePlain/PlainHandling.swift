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
    /// Handles one line; returns true when the current question should be shown again.
    mutating func handle<IO: LineIO>(_ line: String, _ io: inout IO) -> Bool {
        if line.hasPrefix("::") { return answer(String(line.dropFirst()), &io) }
        if line.hasPrefix(":") { return command(String(line.dropFirst()), &io) }
        return answer(line, &io)
    }

    // MARK: Answers

    /// A line at a question: translated into an `InterviewCommand` (typed text is `answer`, an
    /// empty line `skip`, a number in a list opens or adds an entry); the rules are the commands'.
    mutating func answer<IO: LineIO>(_ line: String, _ io: inout IO) -> Bool {
        guard let ref = ref(for: cursor), let item = interview.item(ref) else {
            if !line.trimmingSpaces.isEmpty { io.write(PlainWords.text(.complete, language)) }
            return false
        }
        if item.type == .info { return perform(.forward, &io) }
        if item.type == .repeat { return repeatLine(line, item: item, &io) }

        var typed = line
        if item.type == .longtext && line != "." && !line.isEmpty {
            var lines = [line]
            while let more = io.readLine() {
                if more == "." { break }
                lines.append(more.hasPrefix("::") ? String(more.dropFirst()) : more)
            }
            typed = lines.joined(separator: "\n")
        } else if item.type == .longtext && line == "." {
            typed = ""
        }
        if typed.trimmingSpaces.isEmpty { return perform(.skip, &io) }
        if item.type == .multichoice && typed.trimmingSpaces == "0" {
            return perform(.choose(.choices([])), &io)
        }
        // Choosing "other" asks for what, on the next line, before the answer is recorded.
        var otherText: String?
        if item.other, case .success(let value) = AnswerParser.parse(typed, for: item, language: language), value.usesOther {
            io.write(PlainWords.text(.pleaseSayOther, language))
            guard let other = io.readLine() else { return false }
            otherText = other
        }
        return perform(.answer(typed, otherText: otherText), &io)
    }

    mutating func repeatLine<IO: LineIO>(_ line: String, item: Item, _ io: inout IO) -> Bool {
        let trimmed = line.trimmingSpaces
        let entries = interview.entries(of: item.id)
        if let n = Int(AnswerParser.normalizeDigits(trimmed)) {
            if n >= 1 && n <= entries.count {
                return perform(.reopenEntry(entries[n - 1].entry.id), &io)
            }
            if let expected = interview.path.repeats[item.id]?.expectedCount, n == entries.count + 1, n <= expected {
                return perform(.addEntry, &io)
            }
            io.write(ProgramWords.text(.noSuchEntry, language))
            return false
        }
        if trimmed.isEmpty { return perform(.finishRepeat, &io) }
        io.write(PlainWords.text(.repeatHint, language))
        return false
    }

    // MARK: Performing

    /// Performs a command at the cursor and saves; says what refused it, or goes where it
    /// leads. Returns true when the question (the same or the next) should be shown.
    mutating func perform<IO: LineIO>(_ command: InterviewCommand, _ io: inout IO) -> Bool {
        guard let result = attempt(command, &io) else { return false }
        switch result {
        case .failure(let problem):
            io.write(words(problem, for: command))
            // A refused answer or move shows the question again; a refused command does not.
            switch problem {
            case .refused where command.isConfirmation: return true
            default: return false
            }
        case .success(let outcome):
            if case .answer = command, let ref = cursor.ref, case .date(let d)? = interview.answers[ref].value {
                io.write(PlainWords.format(.dateEcho, language, d.isoString))
            }
            if let held = outcome.held { io.write(held.message(language, defaultLanguage: questionnaire.defaultLanguage)) }
            if outcome.finishedEntry { io.write(PlainWords.text(.entryDone, language)) }
            if outcome.cursor == cursor && !command.moves { return false }
            go(outcome.cursor, io: &io)
            return true
        }
    }

    /// Performs a command at the cursor and saves; nil (and a message) when the save failed.
    mutating func attempt<IO: LineIO>(_ command: InterviewCommand, _ io: inout IO) -> Result<CommandOutcome, CommandProblem>? {
        do {
            return try controller.perform(command, at: cursor)
        } catch {
            io.write(PlainWords.format(.savingFailed, language, "\(error)"))
            return nil
        }
    }

    /// A refusal in the client's words.
    func words(_ problem: CommandProblem, for command: InterviewCommand) -> String {
        switch problem {
        case .refused(let p): return p.message(language, defaultLanguage: questionnaire.defaultLanguage)
        case .atStart: return PlainWords.text(.atStart, language)
        case .notHere:
            switch command {
            case .addEntry, .finishRepeat: return PlainWords.text(.notInRepeat, language)
            default: return PlainWords.text(.notAllowedHere, language)
            }
        }
    }

    // MARK: Moving

    mutating func go<IO: LineIO>(_ next: InterviewCursor, io: inout IO) {
        cursor = next
        do {
            try controller.setPosition(next.ref)
        } catch {
            io.write(PlainWords.format(.savingFailed, language, "\(error)"))
        }
    }
}

extension PlainInterview {
    /// Runs a change of the session's settings (language, a plain save) that saves; on failure
    /// says so (the change stays in memory).
    @discardableResult
    func save<IO: LineIO>(io: inout IO, _ body: (SessionController) throws -> Void) -> Bool {
        do {
            try body(controller)
            return true
        } catch {
            io.write(PlainWords.format(.savingFailed, language, "\(error)"))
            return false
        }
    }
}

extension InterviewCommand {
    /// Commands that confirm something and go on: refused, the question is shown again.
    var isConfirmation: Bool {
        switch self {
        case .answer, .choose, .confirmEmpty, .skip, .forward, .finishRepeat: return true
        default: return false
        }
    }

    /// Commands whose point is to go somewhere (the question is shown again even when the place is the same).
    var moves: Bool {
        switch self {
        case .answer, .choose, .confirmEmpty, .skip, .forward, .finishRepeat, .dontKnow, .preferNotToSay,
             .addEntry, .reopenEntry, .back, .jump: return true
        default: return false
        }
    }
}

extension AnswerValue {
    /// Whether the value names the "other" choice.
    var usesOther: Bool {
        switch self {
        case .choice(let v): return v == "other"
        case .choices(let vs): return vs.contains("other")
        default: return false
        }
    }
}
