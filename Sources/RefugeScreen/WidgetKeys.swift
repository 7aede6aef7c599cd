import Foundation
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

extension InterviewScreen {
    /// The width of the answer field, for moving by visual lines.
    var fieldWidth: Int { max(10, min(width, 100) - 6) }

    func handleWidget(_ key: KeyEvent, at time: Double) {
        guard let item = currentItem, let ref = cursor.ref else {
            // Past the end: Enter or Ctrl-N stay; F5 and Ctrl-P (global) move.
            return
        }
        switch item.type {
        case .info, .calculate:
            if key == .enter || key == .ctrl("n") || key == .pageDown { moveOn() }
            if key == .down { textScroll += 1 }
            if key == .up { textScroll = max(0, textScroll - 1) }
        case .text, .number, .date:
            handleTextField(key, item: item, ref: ref, at: time)
        case .longtext:
            handleTextField(key, item: item, ref: ref, at: time)
        case .yesno:
            handleYesNo(key, ref: ref)
        case .choice, .multichoice:
            handleChoices(key, item: item, ref: ref, at: time)
        case .repeat:
            handleRepeat(key, item: item)
        }
    }

    // MARK: Typed answers

    func handleTextField(_ key: KeyEvent, item: Item, ref: AnswerRef, at time: Double) {
        let confirmKeys: [KeyEvent] = item.type == .longtext ? [.ctrl("n"), .pageDown] : [.enter, .ctrl("n"), .pageDown]
        if confirmKeys.contains(key) {
            confirmTyped(item: item, ref: ref)
            return
        }
        guard var editor = widget.editor else { return }
        let before = editor.text
        if editor.handle(key, width: fieldWidth) {
            widget.editor = editor
            if editor.text != before {
                message = nil
                if draftChangedAt == nil { draftChangedAt = time }
            }
        }
    }

    func confirmTyped(item: Item, ref: AnswerRef) {
        let text = widget.editor?.text ?? ""
        let record = interview.answers[ref]
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // Nothing typed: a question already answered don't know / prefer not to say keeps it.
            if record.status == .dontKnow || record.status == .refused {
                moveOn(); return
            }
            if record.status == .answered || record.draft != nil {
                save { try $0.change(ref) { r in r.clearAnswer(); r.draft = nil } }
                widget.savedText = ""
            }
            moveOn()
            return
        }
        let parsed: AnswerValue
        switch AnswerParser.parse(text, for: item, language: languageFor(item)) {
        case .success(let v): parsed = v
        case .failure(let problem):
            message = (problem.message(languageFor(item), defaultLanguage: questionnaire.defaultLanguage), true)
            return
        }
        if let problem = interview.problem(with: parsed, for: ref) {
            message = (problem.message(languageFor(item), defaultLanguage: questionnaire.defaultLanguage), true)
            return
        }
        if save({ try $0.change(ref) { r in r.status = .answered; r.value = parsed; r.otherText = nil; r.draft = nil } }) {
            widget.savedText = text
            draftChangedAt = nil
            moveOn()
        }
    }

    // MARK: Yes / no

    func handleYesNo(_ key: KeyEvent, ref: AnswerRef) {
        let yesWords = ["y", String(ProgramWords.text(.yes, languageFor(currentItem)).lowercased().prefix(1))]
        let noWords = ["n", String(ProgramWords.text(.no, languageFor(currentItem)).lowercased().prefix(1))]
        switch key {
        case .character(let c) where yesWords.contains(String(c).lowercased()): widget.highlight = 0
        case .character(let c) where noWords.contains(String(c).lowercased()): widget.highlight = 1
        case .character("1"): widget.highlight = 0
        case .character("2"): widget.highlight = 1
        case .left, .up: widget.highlight = 0
        case .right, .down, .tab: widget.highlight = widget.highlight == 1 ? 0 : 1
        case .enter, .ctrl("n"), .pageDown:
            guard widget.highlight >= 0 else {
                moveOn()   // says "required" when it is
                return
            }
            let value = widget.highlight == 0 ? "yes" : "no"
            if interview.answers[ref].value != .choice(value) || interview.answers[ref].status != .answered {
                guard save({ try $0.change(ref) { r in r.status = .answered; r.value = .choice(value); r.draft = nil } }) else { return }
            }
            moveOn()
        default: break
        }
    }

    // MARK: Choice lists

    func handleChoices(_ key: KeyEvent, item: Item, ref: AnswerRef, at time: Double) {
        if widget.editingOther {
            switch key {
            case .enter, .ctrl("n"), .pageDown: confirmChoice(item: item, ref: ref)
            case .escape, .up, .tab: widget.editingOther = false
            default:
                var editor = widget.other
                if editor.handle(key, width: fieldWidth) { widget.other = editor }
            }
            return
        }
        let visible = widget.visibleChoices(item, formatter: formatter)
        let position = visible.firstIndex(of: widget.highlight) ?? 0
        switch key {
        case .up:
            if let target = visible[safe: position - 1] { widget.highlight = target }
        case .down:
            if let target = visible[safe: position + 1] { widget.highlight = target }
        case .home: widget.highlight = visible.first ?? 0
        case .end: widget.highlight = visible.last ?? 0
        case .character(" ") where item.type == .multichoice:
            toggle(item.choices[safe: widget.highlight]?.value)
        case .character(let c) where c.isNumber && widget.filter.isEmpty:
            let digits = AnswerParser.normalizeDigits(String(c))
            guard let n = Int(digits), n >= 1, n <= min(9, item.choices.count) else { return }
            widget.highlight = n - 1
            if item.type == .multichoice { toggle(item.choices[n - 1].value) }
        case .character(let c) where item.choices.count > 9 && !c.isWhitespace:
            widget.filter.append(c)
            widget.highlight = widget.visibleChoices(item, formatter: formatter).first ?? widget.highlight
        case .backspace where !widget.filter.isEmpty:
            widget.filter.removeLast()
        case .enter, .ctrl("n"), .pageDown:
            if item.type == .choice, item.choices[safe: widget.highlight]?.value == "other", item.other {
                widget.editingOther = true
                return
            }
            if item.type == .multichoice, widget.selected.contains("other"), item.other,
               widget.other.text.trimmingCharacters(in: .whitespaces).isEmpty {
                widget.editingOther = true
                return
            }
            confirmChoice(item: item, ref: ref)
        case .tab where item.type == .multichoice && widget.selected.contains("other"):
            widget.editingOther = true
        default: break
        }
    }

    func toggle(_ value: String?) {
        guard let value else { return }
        if let i = widget.selected.firstIndex(of: value) { widget.selected.remove(at: i) } else { widget.selected.append(value) }
        message = nil
    }

    func confirmChoice(item: Item, ref: AnswerRef) {
        let value: AnswerValue
        if item.type == .choice {
            guard let choice = item.choices[safe: widget.highlight] else { return }
            value = .choice(choice.value)
        } else {
            value = .choices(item.choiceValues.filter { widget.selected.contains($0) })
        }
        let usesOther: Bool = {
            if case .choice(let v) = value { return v == "other" }
            if case .choices(let vs) = value { return vs.contains("other") }
            return false
        }()
        let otherText = usesOther ? widget.other.text : nil
        if let problem = interview.problem(with: value, otherText: otherText, for: ref) {
            message = (problem.message(languageFor(item), defaultLanguage: questionnaire.defaultLanguage), true)
            if problem == .otherTextMissing { widget.editingOther = true }
            return
        }
        guard save({ try $0.change(ref) { r in r.status = .answered; r.value = value; r.otherText = otherText; r.draft = nil } }) else { return }
        widget.editingOther = false
        moveOn()
    }

    // MARK: Repeats

    func handleRepeat(_ key: KeyEvent, item: Item) {
        let entries = interview.entries(of: item.id)
        if let pending = widget.confirmDelete {
            widget.confirmDelete = nil
            if case .character(let c) = key, ["y", "s", "д", "j"].contains(String(c).lowercased()) {
                save { try $0.deleteEntry(pending, of: item.id) }
                widget.highlight = max(0, min(widget.highlight, interview.entries(of: item.id).count - 1))
            }
            return
        }
        switch key {
        case .up: widget.highlight = max(0, widget.highlight - 1)
        case .down: widget.highlight = min(max(0, entries.count - 1), widget.highlight + 1)
        case .character("+"), .insert:
            if let expected = interview.path.repeats[item.id]?.expectedCount, entries.count >= expected { return }
            do {
                let id = try controller.addEntry(to: item.id)
                if let first = InterviewCursor.firstField(of: id, in: item.id, interview: interview) { go(to: first) }
            } catch let problem as AnswerProblem {
                message = (problem.message(language, defaultLanguage: questionnaire.defaultLanguage), true)
            } catch {
                overlay = .saveFailed("\(error)")
            }
        case .delete:
            guard interview.path.repeats[item.id]?.expectedCount == nil, let entry = entries[safe: widget.highlight] else { return }
            widget.confirmDelete = entry.entry.id
        case .enter:
            if let entry = entries[safe: widget.highlight],
               let first = InterviewCursor.firstField(of: entry.entry.id, in: item.id, interview: interview) {
                go(to: first)
            } else if entries.isEmpty {
                message = (ScreenWords.text(.repeatEmptyHint, language), false)
            }
        case .ctrl("n"), .pageDown:
            finishRepeat(item)
        default: break
        }
    }

    func finishRepeat(_ item: Item) {
        let ref = AnswerRef(item.id)
        if interview.answers[ref].status == nil {
            if let problem = interview.blockingProblem(at: ref), problem != .required || interview.entries(of: item.id).isEmpty {
                message = (problem.message(language, defaultLanguage: questionnaire.defaultLanguage), true)
                return
            }
            guard save({ try $0.change(ref) { $0.status = .answered } }) else { return }
        }
        moveOn()
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
