import RefugeText
/// Makes typed text safe for each output: answers come from people and may hold anything,
/// including terminal escape sequences or markup.
public enum Escaping {
    /// Removes terminal escape sequences (CSI, OSC, DCS and two-character ones) and every
    /// control character but the newline; a tab becomes a space and CR LF a newline. Nothing
    /// left can move a terminal's cursor or change its state.
    /// Bidirectional overrides and zero-width characters are removed too (`InvisibleCharacters`).
    public static func plain(_ text: String) -> String { TerminalText.sanitized(InvisibleCharacters.neutralized(text)) }

    /// HTML text and attribute values: the five special characters as entities, controls removed.
    public static func html(_ text: String) -> String {
        var out = ""
        for character in plain(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A CSS string's content (inside double quotes): everything but letters, digits and
    /// spaces as a hexadecimal escape, so nothing can end the string or the style element.
    public static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in plain(text).unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " || scalar.value > 0x7F {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
            }
        }
        return out
    }

    /// CommonMark inline text: controls removed and every character that could start markup
    /// backslash-escaped (CommonMark allows escaping any ASCII punctuation), plus the
    /// characters that matter only at the start of a line.
    public static func markdown(_ text: String) -> String {
        let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~"]
        let lineStart: Set<Character> = ["-", "+", "=", "#"]
        var out = ""
        var atLineStart = true
        var pendingDigits = ""
        for character in plain(text) {
            if character == "\n" {
                out += pendingDigits; pendingDigits = ""
                out.append(character); atLineStart = true
                continue
            }
            if atLineStart, character.isASCII, character.isNumber {
                pendingDigits.append(character)
                continue
            }
            if !pendingDigits.isEmpty {
                // "1." or "1)" at the start of a line would begin an ordered list.
                out += pendingDigits
                pendingDigits = ""
                atLineStart = false
                if character == "." || character == ")" { out += "\\" + String(character); atLineStart = false; continue }
            }
            if special.contains(character) || (atLineStart && lineStart.contains(character)) {
                out += "\\" + String(character)
            } else if atLineStart && character == " " {
                // Leading spaces could make an indented code block.
                out += "&#32;"
                continue
            } else {
                out.append(character)
            }
            atLineStart = false
        }
        out += pendingDigits
        return out
    }
}
