import Foundation
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

    mutating func answer<IO: LineIO>(_ line: String, _ io: inout IO) -> Bool {
        guard let ref = ref(for: cursor), let item = interview.item(ref) else {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { io.write(PlainWords.text(.complete, language)) }
            return false
        }
        let record = interview.answers[ref]
        if item.type == .info { return moveOn(io: &io) }
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
        if typed.trimmingCharacters(in: .whitespaces).isEmpty {
            if record.status != nil { return moveOn(io: &io) }
            if item.required {
                io.write(AnswerProblem.required.message(language, defaultLanguage: questionnaire.defaultLanguage))
                return true
            }
            return moveOn(io: &io)
        }
        var value: AnswerValue
        if item.type == .multichoice && typed.trimmingCharacters(in: .whitespaces) == "0" {
            value = .choices([])
        } else {
            switch AnswerParser.parse(typed, for: item, language: language) {
            case .success(let v): value = v
            case .failure(let problem):
                io.write(problem.message(language, defaultLanguage: questionnaire.defaultLanguage))
                return true
            }
        }
        var otherText: String?
        let choseOther: Bool = {
            switch value {
            case .choice(let v): return v == "other" && item.other
            case .choices(let vs): return vs.contains("other") && item.other
            default: return false
            }
        }()
        if choseOther {
            io.write(PlainWords.text(.pleaseSayOther, language))
            guard let other = io.readLine() else { return false }
            otherText = other
        }
        if let problem = interview.problem(with: value, otherText: otherText, for: ref) {
            io.write(problem.message(language, defaultLanguage: questionnaire.defaultLanguage))
            return true
        }
        if case .text(let s) = value, item.type == .longtext { value = .text(s) }
        let final = value
        guard save(io: &io, { try $0.change(ref) { r in
            r.status = .answered; r.value = final; r.otherText = otherText; r.draft = nil
        } }) else { return false }
        if case .date(let d) = value { io.write(PlainWords.format(.dateEcho, language, d.isoString)) }
        return moveOn(io: &io)
    }

    mutating func repeatLine<IO: LineIO>(_ line: String, item: Item, _ io: inout IO) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let entries = interview.entries(of: item.id)
        if let n = Int(AnswerParser.normalizeDigits(trimmed)) {
            if n >= 1 && n <= entries.count {
                return enter(entries[n - 1].entry.id, of: item.id, io: &io)
            }
            if let expected = interview.path.repeats[item.id]?.expectedCount, n == entries.count + 1, n <= expected {
                return addEntry(item.id, io: &io)
            }
            io.write(ProgramWords.text(.noSuchEntry, language))
            return false
        }
        if trimmed.isEmpty { return finishRepeat(item, io: &io) }
        io.write(PlainWords.text(.repeatHint, language))
        return false
    }

    mutating func finishRepeat<IO: LineIO>(_ item: Item, io: inout IO) -> Bool {
        let ref = AnswerRef(item.id)
        let record = interview.answers[ref]
        if record.status == nil {
            let entryCount = interview.entries(of: item.id).count
            if let problem = interview.blockingProblem(at: ref), !(problem == .required && entryCount > 0) {
                io.write(problem.message(language, defaultLanguage: questionnaire.defaultLanguage))
                return true
            }
            guard save(io: &io, { try $0.change(ref) { $0.status = .answered } }) else { return false }
        } else if let problem = interview.blockingProblem(at: ref) {
            io.write(problem.message(language, defaultLanguage: questionnaire.defaultLanguage))
            return true
        }
        return moveOn(io: &io)
    }

    mutating func addEntry<IO: LineIO>(_ repeatID: String, io: inout IO) -> Bool {
        do {
            let id = try controller.addEntry(to: repeatID)
            return enter(id, of: repeatID, io: &io)
        } catch let problem as AnswerProblem {
            io.write(problem.message(language, defaultLanguage: questionnaire.defaultLanguage))
            return false
        } catch {
            io.write(PlainWords.format(.savingFailed, language, "\(error)"))
            return false
        }
    }

    mutating func enter<IO: LineIO>(_ entryID: String, of repeatID: String, io: inout IO) -> Bool {
        guard let first = InterviewCursor.firstField(of: entryID, in: repeatID, interview: interview) else { return true }
        go(first, io: &io)
        return true
    }

    // MARK: Moving

    /// Goes to the next question after the current one (from a field: the next field, or back
    /// to the list when the entry is complete).
    mutating func moveOn<IO: LineIO>(io: inout IO) -> Bool {
        if cursor == .end { return false }
        switch cursor.next(in: interview) {
        case .failure(let block):
            io.write(block.message(language, defaultLanguage: questionnaire.defaultLanguage))
        case .success(let next):
            if cursor.finishesEntry(next) { io.write(PlainWords.text(.entryDone, language)) }
            go(next, io: &io)
        }
        return true
    }

    mutating func goBack<IO: LineIO>(io: inout IO) -> Bool {
        guard let previous = cursor.previous(in: interview) else {
            io.write(PlainWords.text(.atStart, language))
            return false
        }
        go(previous, io: &io)
        return true
    }

    mutating func go<IO: LineIO>(_ next: InterviewCursor, io: inout IO) {
        cursor = next
        _ = save(io: &io) { try $0.setPosition(next.ref) }
    }

    /// Runs a change that saves; on failure says so (the change stays in memory).
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
