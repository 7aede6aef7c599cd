import CNcursesw
import RefugeText

/// Turns a `Style` into curses attributes and a colour pair.
///
/// With colours, each role has a foreground on the terminal's own background (pairs are made
/// once, at start); without them (no colour support, or NO_COLOR set) roles fall back to
/// attributes every terminal has, so a selection is still visible in monochrome.
struct CursesPalette {
    let usesColor: Bool

    private static let accentPair: Int16 = 1
    private static let warningPair: Int16 = 2
    private static let errorPair: Int16 = 3
    private static let markerPair: Int16 = 4

    /// Starts colours when wanted and possible; call after curses has started.
    init(wantsColor: Bool) {
        guard wantsColor, has_colors(), start_color() != ERR else {
            usesColor = false
            return
        }
        // -1 is "the terminal's default"; without use_default_colors fall back to black.
        let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
        init_pair(Self.accentPair, Int16(COLOR_CYAN), background)
        init_pair(Self.warningPair, Int16(COLOR_YELLOW), background)
        init_pair(Self.errorPair, Int16(COLOR_RED), background)
        init_pair(Self.markerPair, Int16(COLOR_MAGENTA), background)
        usesColor = true
    }

    func rendition(for style: Style) -> (attributes: attr_t, pair: Int16) {
        var attributes = refuge_attr_normal()
        var pair: Int16 = 0
        if usesColor {
            switch style.role {
            case .normal: break
            case .accent: pair = Self.accentPair
            case .muted: attributes |= refuge_attr_dim()
            case .warning: pair = Self.warningPair
            case .error: pair = Self.errorPair; attributes |= refuge_attr_bold()
            case .selection: pair = Self.accentPair; attributes |= refuge_attr_reverse()
            case .marker: pair = Self.markerPair
            }
        } else {
            switch style.role {
            case .normal: break
            case .accent, .warning: attributes |= refuge_attr_bold()
            case .muted: attributes |= refuge_attr_dim()
            case .error: attributes |= refuge_attr_bold() | refuge_attr_underline()
            case .selection: attributes |= refuge_attr_reverse()
            case .marker: attributes |= refuge_attr_underline()
            }
        }
        if style.bold { attributes |= refuge_attr_bold() }
        if style.underline { attributes |= refuge_attr_underline() }
        if style.reverse { attributes |= refuge_attr_reverse() }
        if style.dim { attributes |= refuge_attr_dim() }
        return (attributes, pair)
    }
}
