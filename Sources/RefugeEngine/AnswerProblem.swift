import RefugeExpressions
import RefugeQuestionnaire

/// Why an answer cannot be taken, or why the interview cannot move on yet. The words are
/// chosen by whoever shows it (screen, plain mode, command line), in their language.
public enum AnswerProblem: Sendable, Equatable, Error {
    case required
    case notOnPath
    case notAQuestion
    case wrongKind(expected: ItemType)
    case notAChoice
    case otherTextMissing
    case tooShort(min: Int)
    case tooLong(max: Int)
    case patternMismatch(message: LocalizedText?)
    case belowMinimum(ExactNumber)
    case aboveMaximum(ExactNumber)
    case notWholeNumber
    case unreadableNumber
    /// A number with more digits than can be kept exactly (`Limits.numberDigits`, `ExactNumber`).
    case inexactNumber
    case unreadableDate(DateInputError)
    case tooPrecise(allowed: DatePrecision)
    case tooFewSelected(min: Int)
    case tooManySelected(max: Int)
    case tooFewEntries(min: Int)
    case tooManyEntries(max: Int)
    case constraint(message: LocalizedText?)
    /// A `pattern` or `matches` could not be checked: the regex engine gave up (a pattern that
    /// takes too long on this text). Refused, never taken as fitting.
    case uncheckable
    case dontKnowNotAllowed
    case refuseNotAllowed
    case noSuchEntry
}
