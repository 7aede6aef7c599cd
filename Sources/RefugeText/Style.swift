/// What a piece of text means on screen; the backend picks a colour (or, without colours, a
/// monochrome attribute) for each role, so screens never name colours themselves.
public enum ColorRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text in the terminal's own colours.
    case normal
    /// Titles, the highlighted key names, the current question number.
    case accent
    /// Secondary text: hints, the interviewer's language beside the client's.
    case muted
    /// Something to look at before going on.
    case warning
    /// A rejected answer or a failure.
    case error
    /// The highlighted entry of a list or menu.
    case selection
    /// Interviewer marks: follow-up, lawyer only, translated.
    case marker
}

/// How a cell is drawn: a colour role plus the attributes every terminal can show.
public struct Style: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        role: ColorRole = .normal,
        bold: Bool = false,
        underline: Bool = false,
        reverse: Bool = false,
        dim: Bool = false
    ) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's ordinary text.
    public static let plain = Style()

    /// A copy with bold switched on.
    public var bolded: Style {
        var copy = self
        copy.bold = true
        return copy
    }

    /// A copy with underline switched on.
    public var underlined: Style {
        var copy = self
        copy.underline = true
        return copy
    }

    /// A copy with reverse video switched on.
    public var reversed: Style {
        var copy = self
        copy.reverse = true
        return copy
    }

    /// A copy in another colour role, keeping the attributes.
    public func with(role: ColorRole) -> Style {
        var copy = self
        copy.role = role
        return copy
    }
}
