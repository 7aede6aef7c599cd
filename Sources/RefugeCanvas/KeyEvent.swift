/// Something the user (or the terminal, or the system) did, as the screens see it.
///
/// Keys come from `TerminalInputDecoder`; `resize`, `signal` and `inputClosed` are added by the terminal
/// backend, so a screen's update function handles every outside event in one `switch`.
public enum KeyEvent: Hashable, Sendable {
    /// A typed character: one grapheme cluster, never a control character.
    case character(Character)
    case enter
    case tab
    case backTab
    case backspace
    case delete
    case insert
    case escape
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1 ... F12 (a few terminals send F13-F20 for shifted keys; those come as 13...20).
    case function(Int)
    /// Ctrl with a letter that has no name of its own: "a" ... "z" (lower case) other than
    /// Ctrl-H (backspace), Ctrl-I (tab), Ctrl-J and Ctrl-M (enter), and "@", "\\", "]", "^", "_".
    case ctrl(Character)
    /// Alt (Meta) with a character: the terminal sent Esc and the character together.
    case alt(Character)
    /// Text pasted while bracketed paste was on: newlines are "\n", nothing is interpreted.
    case paste(String)
    /// A press of the main mouse button on a cell (row and column from 0), where the terminal
    /// reports the mouse (xterm's SGR mode).
    case click(row: Int, column: Int)
    /// The terminal now has this many columns and rows.
    case resize(width: Int, height: Int)
    /// A signal arrived (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP): save, then act on it.
    case signal(Int32)
    /// Standard input ended or failed (the terminal went away): save and stop.
    case inputClosed
}
