#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
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
        let confirmKeys: [KeyEvent] = item.type == .longtext ? [.ctrl("n")] : [.enter, .ctrl("n"), .pageDown]
        if confirmKeys.contains(key) {
            confirmTyped(item: item, ref: ref)
            return
        }
        guard var editor = widget.editor else { return }
        if item.type == .number, case .character(let c) = key, let refusal = numberRefusal(c, item: item) {
            // Refused as typed, with the reason, rather than when Enter is pressed.
            say(refusal, problem: true)
            return
        }
        let before = editor.text
        if editor.handle(key, width: fieldWidth) {
            widget.editor = editor
            if editor.text != before {
                message = nil
                if draftChangedAt == nil { draftChangedAt = time }
            }
        }
    }

    /// Why a typed character cannot be part of a number here, or nil when it can.
    func numberRefusal(_ c: Character, item: Item) -> ScreenWords.Word? {
        if c.isNumber || c == "-" || c == "+" || c == " " { return nil }
        if c == "." || c == "," { return item.integerOnly ? .wholeNumbersOnly : nil }
        return item.integerOnly ? .wholeNumbersOnly : .numbersOnly
    }

    func pageLongText(down: Bool) {
        guard var editor = widget.editor else { return }
        for _ in 0..<max(1, longTextRows - 1) {
            if down { _ = editor.handle(.down, width: longTextWidth) } else { _ = editor.handle(.up, width: longTextWidth) }
        }
        widget.editor = editor
    }

    /// Enter in a typed field: the text is the answer (`InterviewCommand.answer`); an emptied
    /// field confirms nothing (`confirmEmpty`).
    func confirmTyped(item: Item, ref: AnswerRef) {
        let text = widget.editor?.text ?? ""
        let empty = text.trimmingSpacesAndNewlines.isEmpty
        guard let outcome = run(empty ? .confirmEmpty : .answer(text)) else { return }
        widget.savedText = empty ? "" : text
        draftChangedAt = nil
        arrive(outcome)
    }

    // MARK: Yes / no

    func handleYesNo(_ key: KeyEvent, ref: AnswerRef) {
        // y/n, and the first letters of yes and no in the client's and the interviewer's languages.
        let languages = [languageFor(currentItem), interviewerLanguage]
        let yesWords = ["y"] + languages.map { String(ProgramWords.text(.yes, $0).lowercased().prefix(1)) }
        let noWords = ["n"] + languages.map { String(ProgramWords.text(.no, $0).lowercased().prefix(1)) }
        switch key {
        case .character(let c) where yesWords.contains(String(c).lowercased()): widget.highlight = 0
        case .character(let c) where noWords.contains(String(c).lowercased()): widget.highlight = 1
        case .character("1"): widget.highlight = 0
        case .character("2"): widget.highlight = 1
        case .left, .up: widget.highlight = 0
        case .right, .down, .tab: widget.highlight = widget.highlight == 1 ? 0 : 1
        case .enter, .ctrl("n"), .pageDown:
            // Nothing highlighted confirms nothing: it says "required" when it is.
            let command: InterviewCommand = widget.highlight < 0 ? .confirmEmpty : .choose(.choice(widget.highlight == 0 ? "yes" : "no"))
            if let outcome = run(command) { arrive(outcome) }
        default: break
        }
    }

    // MARK: Choice lists

    func handleChoices(_ key: KeyEvent, item: Item, ref: AnswerRef, at time: Double) {
        let visible = widget.visibleChoices(item, formatter: formatter)
        if widget.editingOther {
            // In the "other" field every printable key is text (digits and spaces too); the
            // arrows, Tab and Esc go back to the list.
            switch key {
            case .enter, .ctrl("n"), .pageDown: confirmChoice(item: item, ref: ref)
            case .escape, .tab, .backTab: widget.editingOther = false
            case .up: widget.editingOther = false; moveHighlight(by: -1, in: visible, item: item)
            case .down: widget.editingOther = false; moveHighlight(by: 1, in: visible, item: item)
            default:
                var editor = widget.other
                if editor.handle(key, width: fieldWidth) {
                    widget.other = editor
                    message = nil
                }
            }
            return
        }
        switch key {
        case .up: moveHighlight(by: -1, in: visible, item: item)
        case .down: moveHighlight(by: 1, in: visible, item: item)
        case .home: if let first = visible.first { select(first, item: item, enterOther: false) }
        case .end: if let last = visible.last { select(last, item: item, enterOther: false) }
        case .character(" ") where item.type == .multichoice:
            if visible.contains(widget.highlight) { toggle(item.choices[safe: widget.highlight]?.value, item: item) }
        case .character(let c) where c.isNumber && widget.filter.isEmpty:
            let digits = AnswerParser.normalizeDigits(String(c))
            guard let n = Int(digits), n >= 1, n <= min(9, item.choices.count) else { return }
            if item.type == .multichoice {
                widget.highlight = n - 1
                toggle(item.choices[n - 1].value, item: item)
            } else {
                select(n - 1, item: item, enterOther: true)
            }
        case .character(let c) where item.choices.count > 9 && !c.isWhitespace:
            widget.filter.append(c)
            refilter(item)
        case .backspace where !widget.filter.isEmpty:
            widget.filter.removeLast()
            refilter(item)
        case .enter, .ctrl("n"), .pageDown:
            if item.type == .choice, visible.contains(widget.highlight), item.choices[safe: widget.highlight]?.value == "other", item.other,
               widget.other.text.trimmingSpaces.isEmpty {
                widget.editingOther = true
                return
            }
            if item.type == .multichoice, widget.selected.contains("other"), item.other,
               widget.other.text.trimmingSpaces.isEmpty {
                widget.editingOther = true
                return
            }
            confirmChoice(item: item, ref: ref)
        case .tab where item.type == .multichoice && widget.selected.contains("other") && item.other:
            widget.editingOther = true
        case .tab where item.type == .choice && item.other && item.choices[safe: widget.highlight]?.value == "other":
            widget.editingOther = true
        default: break
        }
    }

    /// Moves the highlight among the visible rows; from no highlight the first key lands on the first row.
    func moveHighlight(by step: Int, in visible: [Int], item: Item) {
        guard !visible.isEmpty else { return }
        let target: Int
        if let position = visible.firstIndex(of: widget.highlight) {
            guard let t = visible[safe: position + step] else { return }
            target = t
        } else {
            target = step > 0 ? visible[0] : visible[visible.count - 1]
        }
        select(target, item: item, enterOther: true)
    }

    /// Highlights a row; in a single choice that is the choice, and choosing "other" puts the cursor in its field.
    func select(_ index: Int, item: Item, enterOther: Bool) {
        widget.highlight = index
        message = nil
        if enterOther, item.type == .choice, item.other, item.choices[safe: index]?.value == "other" {
            widget.editingOther = true
        }
    }

    /// After the filter changed: the highlight stays only on a row that is still visible; a
    /// search that matches nothing leaves nothing chosen.
    func refilter(_ item: Item) {
        let visible = widget.visibleChoices(item, formatter: formatter)
        if !visible.contains(widget.highlight) { widget.highlight = visible.first ?? -1 }
    }

    func toggle(_ value: String?, item: Item) {
        guard let value else { return }
        if let i = widget.selected.firstIndex(of: value) {
            widget.selected.remove(at: i)
        } else {
            widget.selected.append(value)
            // Choosing "other" is for saying what: the cursor goes into its field.
            if value == "other", item.other { widget.editingOther = true }
        }
        message = nil
    }

    func confirmChoice(item: Item, ref: AnswerRef) {
        let value: AnswerValue
        if item.type == .choice {
            let visible = widget.visibleChoices(item, formatter: formatter)
            guard visible.contains(widget.highlight), let choice = item.choices[safe: widget.highlight] else {
                confirmNothingChosen(item: item)
                return
            }
            value = .choice(choice.value)
        } else {
            let chosen = item.choiceValues.filter { widget.selected.contains($0) }
            guard !chosen.isEmpty else {
                confirmNothingChosen(item: item)
                return
            }
            value = .choices(chosen)
        }
        switch attempt(.choose(value, otherText: widget.other.text)) {
        case .success(let outcome)?:
            widget.editingOther = false
            arrive(outcome)
        case .failure(let problem)?:
            sayProblem(problem)
            if problem == .refused(.otherTextMissing) { widget.editingOther = true }
        case nil:
            break
        }
    }

    /// Enter with nothing chosen (`InterviewCommand.confirmEmpty`): an optional question is
    /// skipped (an earlier answer is taken back); a required one says how to go on.
    func confirmNothingChosen(item: Item) {
        switch attempt(.confirmEmpty) {
        case .success(let outcome)?:
            widget.editingOther = false
            arrive(outcome)
        case .failure(.refused(.required))?:
            say(item.allowDontKnow || item.allowRefuse ? .chooseOneOrF6 : .chooseOne, problem: true)
        case .failure(let problem)?:
            sayProblem(problem)
        case nil:
            break
        }
    }

    // MARK: Repeats

    func handleRepeat(_ key: KeyEvent, item: Item) {
        let entries = interview.entries(of: item.id)
        if let pending = widget.confirmDelete {
            widget.confirmDelete = nil
            if case .character(let c) = key, ["y", "s", "д", "j"].contains(String(c).lowercased()) {
                run(.deleteEntry(pending))
                widget.highlight = max(0, min(widget.highlight, interview.entries(of: item.id).count - 1))
            }
            return
        }
        switch key {
        case .up: widget.highlight = max(0, widget.highlight - 1)
        case .down: widget.highlight = min(max(0, entries.count - 1), widget.highlight + 1)
        case .character("+"), .insert:
            if let outcome = run(.addEntry), outcome.cursor != cursor { go(to: outcome.cursor) }
        case .delete:
            guard !CommandTransaction.entriesAreFixed(item.id, in: interview), let entry = entries[safe: widget.highlight] else { return }
            widget.confirmDelete = entry.entry.id
        case .enter:
            if let entry = entries[safe: widget.highlight] {
                if let outcome = run(.reopenEntry(entry.entry.id)), outcome.cursor != cursor { go(to: outcome.cursor) }
            } else if entries.isEmpty {
                say(.repeatEmptyHint)
            }
        case .ctrl("n"), .pageDown:
            if let outcome = run(.finishRepeat) { arrive(outcome) }
        default: break
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
