/// The forms of ids, language codes and choice values, checked by hand rather than with
/// NSRegularExpression: every item, section and choice is checked, and a regular expression
/// match (which copies the text for ICU) was a noticeable part of loading.
///
/// Each check accepts exactly what the regular expression it replaces accepted, including
/// one quirk of ICU's `$`: it also matches before a line break that ends the text, so
/// `"name\n"` passed `^[a-z][a-z0-9_]*$`.
enum NameForm {
    /// `^[a-z][a-z0-9_]*$`: an item, section or check id.
    static func isID(_ text: String) -> Bool {
        let scalars = withoutFinalLineBreak(text)
        guard let first = scalars.first, isLowercaseLetter(first) else { return false }
        return scalars.dropFirst().allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == "_" }
    }

    /// `^[a-z][a-z0-9_-]*$`: a questionnaire id.
    static func isQuestionnaireID(_ text: String) -> Bool {
        let scalars = withoutFinalLineBreak(text)
        guard let first = scalars.first, isLowercaseLetter(first) else { return false }
        return scalars.dropFirst().allSatisfy { isLowercaseLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" }
    }

    /// `^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`: a language code such as `en` or `zh-Hant`.
    static func isLanguageCode(_ text: String) -> Bool {
        let parts = withoutFinalLineBreak(text).split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy(isLowercaseLetter) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { isLowercaseLetter($0) || isUppercaseLetter($0) || isDigit($0) }
        }
    }

    /// `^[A-Za-z0-9_.-]+$`: a choice value that is easy to type.
    static func isPlainValue(_ text: String) -> Bool {
        let scalars = withoutFinalLineBreak(text)
        return !scalars.isEmpty && scalars.allSatisfy {
            isLowercaseLetter($0) || isUppercaseLetter($0) || isDigit($0) || $0 == "_" || $0 == "." || $0 == "-"
        }
    }

    /// The text's scalars without one line break at its very end (`\r\n` counts as one), the
    /// line breaks before which ICU's `$` matches.
    private static func withoutFinalLineBreak(_ text: String) -> Substring.UnicodeScalarView {
        let scalars = Substring(text).unicodeScalars
        guard let last = scalars.last else { return scalars }
        if last == "\n", scalars.dropLast().last == "\r" { return scalars.dropLast(2) }
        switch last {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": return scalars.dropLast()
        default: return scalars
        }
    }

    private static func isLowercaseLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) }
    private static func isUppercaseLetter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
}
