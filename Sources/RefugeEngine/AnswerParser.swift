#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeExpressions
import RefugeQuestionnaire

/// Turns what a person typed into a value for an item: numbers with a decimal comma or
/// other scripts' digits, dates in forms that cannot be misread, yes/no in the client's
/// language, choices by value, number or label.
public enum AnswerParser {
    /// Words accepted for yes and no, by language (lower-case).
    static let yesWords: [String: [String]] = [
        "en": ["yes", "y"], "es": ["sí", "si", "s"], "ru": ["да", "д"],
    ]
    static let noWords: [String: [String]] = [
        "en": ["no", "n"], "es": ["no", "n"], "ru": ["нет", "н"],
    ]

    public static func parse(_ input: String, for item: Item, language: String = "en") -> Result<AnswerValue, AnswerProblem> {
        let trimmed = input.trimmingSpacesAndNewlines
        switch item.type {
        case .text:
            return .success(.text(trimmed))
        case .longtext:
            return .success(.text(input))
        case .number:
            switch parseNumber(trimmed) {
            case .success(let n): return .success(.number(n))
            case .failure(.notANumber): return .failure(.unreadableNumber)
            case .failure(.tooManyDigits): return .failure(.inexactNumber)
            }
        case .date:
            switch PartialDate.parseTyped(trimmed) {
            case .success(let d): return .success(.date(d))
            case .failure(let e): return .failure(.unreadableDate(e))
            }
        case .yesno:
            let word = trimmed.lowercased()
            if (yesWords["en"]! + (yesWords[language] ?? [])).contains(word) { return .success(.choice("yes")) }
            if (noWords["en"]! + (noWords[language] ?? [])).contains(word) { return .success(.choice("no")) }
            return .failure(.notAChoice)
        case .choice:
            guard let v = choiceValue(trimmed, item: item, language: language) else { return .failure(.notAChoice) }
            return .success(.choice(v))
        case .multichoice:
            let parts = trimmed.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
            var values: [String] = []
            for part in parts {
                guard let v = choiceValue(part, item: item, language: language) else { return .failure(.notAChoice) }
                if !values.contains(v) { values.append(v) }
            }
            return .success(.choices(item.choiceValues.filter { values.contains($0) }))
        case .info, .calculate, .repeat:
            return .failure(.notAQuestion)
        }
    }

    /// A choice by its value, its number in the list (from 1), or its label.
    static func choiceValue(_ input: String, item: Item, language: String) -> String? {
        if item.choiceValues.contains(input) { return input }
        if let n = Int(normalizeDigits(input)), n >= 1, n <= item.choices.count { return item.choices[n - 1].value }
        let lowered = input.lowercased()
        for choice in item.choices {
            let label = choice.label.resolve(language, defaultLanguage: "").text
            if !label.isEmpty && label.lowercased() == lowered { return choice.value }
        }
        return nil
    }

    /// Reads a number typed with `.` or `,` as the decimal mark, in any script's digits, as the
    /// exact decimal typed (`ExactNumber`); one with more digits than can be kept is refused.
    public static func parseNumber(_ input: String) -> Result<ExactNumber, ExactNumber.Refusal> {
        var s = normalizeDigits(input).replacingEvery(" ", with: "")
        if s.contains(",") && !s.contains(".") { s = s.replacingEvery(",", with: ".") }
        return ExactNumber.parse(s)
    }

    /// Replaces Arabic-Indic and Persian digits (and other Unicode decimal digits) with ASCII ones.
    public static func normalizeDigits(_ s: String) -> String {
        String(s.unicodeScalars.map { scalar -> Character in
            if scalar.properties.numericType == .decimal, let v = scalar.properties.numericValue, !scalar.isASCII {
                return Character(String(Int(v)))
            }
            if scalar == "\u{066B}" { return "." }   // Arabic decimal separator
            return Character(scalar)
        })
    }
}
