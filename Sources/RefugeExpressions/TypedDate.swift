#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a typed date was not accepted. The screen words its own message for each.
public enum DateInputError: Error, Sendable, Equatable {
    /// It could be read more than one way, like `03/04/2022` (March or April?).
    case ambiguous
    /// It is not a date in any form we read.
    case unreadable
    /// It reads as a date that does not exist, like `2022-02-30` or `2022-13`.
    case invalid
}

extension PartialDate {
    /// Reads a date as a person types it. Accepted: the ISO forms (`2022`, `2022-09`,
    /// `2022-09-03`, also with one-digit parts like `2022-9-3`), year first with `/` or `.`,
    /// `9/2022`, and forms with a month name in English, Spanish, Russian, Ukrainian, French
    /// or Haitian Creole (`Sept 2022`, `septiembre de 2022`, `3 сентября 2022`,
    /// `September 3, 2022`). A leading `~` marks it approximate. Digits of any script
    /// (Eastern Arabic, Persian, ...) count as digits. Day-month-year written with numbers
    /// only is refused as ambiguous, as is a two-digit year.
    public static func parseTyped(_ input: String) -> Result<PartialDate, DateInputError> {
        var text = Substring(asciiDigits(input))
        text = text.drop(while: { $0.isWhitespace })
        var approximate = false
        if let first = text.first, approximateMarks.contains(first) {
            approximate = true
            text = text.dropFirst().drop(while: { $0.isWhitespace })
        }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        guard !text.isEmpty else { return .failure(.unreadable) }

        let parsed: Result<DateParts, DateInputError>
        if text.allSatisfy({ $0.isASCII && ($0.isNumber || numericSeparators.contains($0)) }) {
            parsed = numericParts(text)
        } else {
            parsed = wordParts(text)
        }
        return parsed.flatMap { parts in
            guard PartialDate.isValid(year: parts.year, month: parts.month, day: parts.day) else {
                return .failure(.invalid)
            }
            return .success(PartialDate(year: parts.year, month: parts.month, day: parts.day,
                                        approximate: approximate))
        }
    }

    private struct DateParts {
        var year: Int
        var month: Int?
        var day: Int?
    }

    private static let approximateMarks: Set<Character> = ["~", "\u{FF5E}", "\u{2248}"]
    private static let numericSeparators: Set<Character> = ["-", "/", "."]

    /// Turns every decimal digit of any script into its ASCII digit.
    private static func asciiDigits(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !scalar.isASCII, scalar.properties.numericType == .decimal,
               let value = scalar.properties.numericValue, let ascii = Unicode.Scalar(48 + Int(value)) {
                scalars.append(ascii)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Digits and `-`, `/`, `.` only.
    private static func numericParts(_ text: Substring) -> Result<DateParts, DateInputError> {
        let separators = Set(text.filter { numericSeparators.contains($0) })
        guard separators.count <= 1 else { return .failure(.unreadable) }
        let parts = text.split(omittingEmptySubsequences: false,
                               whereSeparator: { numericSeparators.contains($0) })
        guard parts.allSatisfy({ !$0.isEmpty }) else { return .failure(.unreadable) }
        let numbers = parts.map { Int($0) ?? -1 }
        let widths = parts.map { $0.count }
        let short = { (index: Int) in (1...2).contains(widths[index]) }

        switch parts.count {
        case 1 where widths[0] == 4:
            return .success(DateParts(year: numbers[0]))
        case 2 where widths[0] == 4 && short(1):
            return .success(DateParts(year: numbers[0], month: numbers[1]))
        case 2 where short(0) && widths[1] == 4:
            // `9/2022`: a month and a four-digit year cannot be read another way.
            return .success(DateParts(year: numbers[1], month: numbers[0]))
        case 3 where widths[0] == 4 && short(1) && short(2):
            return .success(DateParts(year: numbers[0], month: numbers[1], day: numbers[2]))
        case 3 where short(0) && short(1) && widths[2] == 4 && numbers[0] > 12 && numbers[1] <= 12:
            // `21/09/1990`: 21 cannot be a month, so this is day-month-year whatever the country.
            return .success(DateParts(year: numbers[2], month: numbers[1], day: numbers[0]))
        case 3 where short(0) && short(1) && widths[2] == 4 && numbers[1] > 12 && numbers[0] <= 12:
            // `09/21/1990`: month-day-year for the same reason.
            return .success(DateParts(year: numbers[2], month: numbers[0], day: numbers[1]))
        case 3 where short(0) && short(1) && (widths[2] == 4 || widths[2] == 2):
            // Day-month or month-day with both parts 12 or less: countries disagree, so it is
            // never guessed (nor is a two-digit year).
            return .failure(.ambiguous)
        case 2 where short(0) && short(1):
            // `09/22`: September 2022, or 9 February?
            return .failure(.ambiguous)
        default:
            return .failure(.unreadable)
        }
    }

    private enum Word {
        case number(Int, width: Int)
        case month(Int)
    }

    /// Forms with a month name, such as `Sept 2022`, `3 de septiembre de 2022`.
    private static func wordParts(_ text: Substring) -> Result<DateParts, DateInputError> {
        let pieces = text.split(whereSeparator: { $0.isWhitespace || wordSeparators.contains($0) })
        var words: [Word] = []
        for piece in pieces {
            let folded = MonthNames.fold(piece)
            if MonthNames.fillerWords.contains(folded) { continue }
            if let month = MonthNames.month(named: folded) {
                words.append(.month(month))
            } else if let number = ordinalNumber(folded) {
                words.append(number)
            } else {
                return .failure(.unreadable)
            }
        }
        switch (words.count, words.first, words.dropFirst().first, words.last) {
        case (2, .month(let month)?, _, .number(let year, 4)?),
             (2, .number(let year, 4)?, _, .month(let month)?):
            return .success(DateParts(year: year, month: month))
        case (3, .number(let day, let width)?, .month(let month)?, .number(let year, 4)?) where width <= 2,
             (3, .month(let month)?, .number(let day, let width)?, .number(let year, 4)?) where width <= 2,
             (3, .number(let year, 4)?, .month(let month)?, .number(let day, let width)?) where width <= 2:
            return .success(DateParts(year: year, month: month, day: day))
        case (2, .month?, _, .number(_, 2)?), (3, _, .month?, .number(_, 2)?),
             (3, .month?, _, .number(_, 2)?):
            // `Sept 22`: the 22nd, or 2022?
            return .failure(.ambiguous)
        default:
            return .failure(.unreadable)
        }
    }

    private static let wordSeparators: Set<Character> = [",", ".", "-", "/", "\u{060C}"]

    /// `3`, `03`, `3rd`, `21st`: digits with an optional English ordinal ending.
    private static func ordinalNumber(_ word: String) -> Word? {
        var digits = Substring(word)
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            guard !digits.isEmpty, digits.count <= 2 else { return nil }
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(digits) else { return nil }
        return .number(value, width: digits.count)
    }
}
