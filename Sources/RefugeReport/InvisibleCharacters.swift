/// Characters that change how the text around them is shown without being seen themselves. In a
/// report for an attorney, an answer must read as it was typed: a right-to-left override
/// (U+202E) could make "pay 100" display as something else, and zero-width characters can hide
/// words or split them. The report's human formats (text, Markdown, HTML) remove them:
///
/// - bidirectional embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069;
/// - zero-width spaces and invisible operators: U+200B, U+2060–U+2064, U+FEFF, U+180E;
/// - zero-width (non-)joiners U+200C and U+200D, except between two visible characters, where
///   Persian, Indic scripts and emoji sequences (👩‍👧) need them.
///
/// The marks U+200E, U+200F and U+061C stay: they do not reorder what follows them.
public enum InvisibleCharacters {
    public static func neutralized(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { isRemoved($0) || isJoiner($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if isRemoved(scalar) { continue }
            if isJoiner(scalar) {
                let before = index > 0 ? scalars[index - 1] : nil
                let after = index + 1 < scalars.count ? scalars[index + 1] : nil
                guard let before, let after, isVisible(before), isVisible(after) else { continue }
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// True for a character `neutralized` may remove (a text without any is returned as it is).
    static func isNeutralized(_ scalar: Unicode.Scalar) -> Bool { isRemoved(scalar) || isJoiner(scalar) }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200B, 0x2060...0x2064, 0xFEFF, 0x180E: return true
        default: return false
        }
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { scalar.value == 0x200C || scalar.value == 0x200D }

    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.properties.isWhitespace && !isRemoved(scalar) && !isJoiner(scalar) && scalar.value >= 0x20
    }
}
