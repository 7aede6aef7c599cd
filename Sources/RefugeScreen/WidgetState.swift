import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire

/// What the answer widget of the current question holds: the text being typed, the
/// highlighted choice, the selections, the filter of a long list.
struct WidgetState: Equatable {
    /// text, number, date and longtext; nil for the others.
    var editor: TextEditor?
    /// The highlighted row of a choice list, yes/no (0 yes, 1 no), or repeat list; -1 none.
    var highlight = -1
    /// multichoice selections.
    var selected: [String] = []
    /// Typed letters that filter a long list.
    var filter = ""
    /// The text that goes with the "other" choice.
    var other = TextEditor(text: "", mode: .singleLine)
    var editingOther = false
    /// The entry a Delete key asked to remove, waiting for confirmation.
    var confirmDelete: String?
    /// The text as last saved (confirmed value or draft), to know when a draft is due.
    var savedText: String?

    /// The widget for a question, showing what is already recorded (a draft first).
    static func make(for item: Item?, answer: Answer, formatter: AnswerFormatter) -> WidgetState {
        var w = WidgetState()
        guard let item else { return w }
        switch item.type {
        case .text, .number, .date, .longtext:
            var confirmed = ""
            if answer.status == .answered, let value = answer.value {
                confirmed = item.type == .longtext || item.type == .text
                    ? (value.textValue ?? "") : formatter.format(value, for: item)
            }
            w.editor = TextEditor(text: answer.draft ?? confirmed, mode: item.type == .longtext ? .multiLine : .singleLine)
            w.editor?.moveToEnd()
            w.savedText = answer.draft ?? confirmed
        case .yesno:
            if case .choice(let v)? = answer.value, answer.status == .answered { w.highlight = v == "yes" ? 0 : 1 }
        case .choice:
            if case .choice(let v)? = answer.value, answer.status == .answered {
                w.highlight = item.choiceValues.firstIndex(of: v) ?? -1
            } else {
                // Nothing is chosen until the client chooses: Enter on an untouched list records nothing.
                w.highlight = -1
            }
            w.other = TextEditor(text: answer.otherText ?? "", mode: .singleLine)
            w.other.moveToEnd()
        case .multichoice:
            if case .choices(let vs)? = answer.value, answer.status == .answered { w.selected = vs }
            w.highlight = 0
            w.other = TextEditor(text: answer.otherText ?? "", mode: .singleLine)
            w.other.moveToEnd()
        case .repeat:
            w.highlight = 0
        case .info, .calculate:
            break
        }
        return w
    }

    /// Indices of the choices that the filter lets through.
    func visibleChoices(_ item: Item, formatter: AnswerFormatter) -> [Int] {
        guard !filter.isEmpty else { return Array(item.choices.indices) }
        let needle = filter.lowercased()
        return item.choices.indices.filter {
            formatter.label(of: item.choices[$0], in: item).lowercased().contains(needle) || item.choices[$0].value.lowercased().hasPrefix(needle)
        }
    }
}

extension AnswerValue {
    var textValue: String? {
        if case .text(let s) = self { return s }
        return nil
    }
}
