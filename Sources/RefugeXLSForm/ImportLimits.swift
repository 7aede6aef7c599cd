// Bounds on what the importer reads, so that a broken or hostile workbook (a zip bomb, an
// expression of ten thousand brackets) is refused with a message instead of exhausting memory
// or the stack. Expressions share the questionnaire format's own bounds.
import RefugeLimits

enum ImportLimits {
    /// An .xlsx file, or one CSV sheet, larger than this is refused.
    static let formFileBytes = 64 * 1024 * 1024
    /// One part of an .xlsx (a sheet, the shared strings) larger than this once unzipped is refused.
    static let partBytes = 256 * 1024 * 1024
    /// Characters in one expression cell, as in a questionnaire.
    static let expressionCharacters = Limits.expressionCharacters
    /// Brackets, calls and unary minus nested in one expression, as in a questionnaire.
    static let expressionDepth = Limits.expressionDepth
}
