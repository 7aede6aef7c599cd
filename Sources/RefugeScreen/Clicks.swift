import RefugeCanvas
import RefugeEngine

/// Where a mouse click does something on the screen as last drawn: a choice, yes or no, an
/// entry of the menu or of the F6 panel. A client who points can click; keys stay the way.
struct ClickTarget {
    enum Action { case choice(Int), yesNo(Int), menu(Int), dontKnow(Int) }
    var row: Int
    var columns: Range<Int>
    var action: Action
    /// Drawn on a panel: while a panel is open only its own targets count.
    var onPanel: Bool
}

extension InterviewScreen {
    func addClickTarget(row: Int, columns: Range<Int>, _ action: ClickTarget.Action) {
        clickTargets.append(ClickTarget(row: row, columns: columns, action: action, onPanel: overlay != nil && drawingPanel))
    }

    func handleClick(row: Int, column: Int) {
        let candidates = clickTargets.filter { $0.onPanel == (overlay != nil) }
        guard let target = candidates.last(where: { $0.row == row && $0.columns.contains(column) }) else { return }
        switch target.action {
        case .choice(let index):
            guard let item = currentItem else { return }
            widget.editingOther = false
            if item.type == .multichoice {
                widget.highlight = index
                toggle(item.choices[safe: index]?.value, item: item)
            } else {
                select(index, item: item, enterOther: true)
            }
        case .yesNo(let index):
            widget.highlight = index
        case .menu(let index):
            overlay = nil
            if let action = MenuAction.allCases[safe: index] { perform(action) }
        case .dontKnow(let index):
            overlay = nil
            if let status = dontKnowChoices[safe: index] { record(status) }
        }
    }
}
