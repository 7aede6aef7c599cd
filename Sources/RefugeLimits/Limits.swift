/// Every bound Refuge puts on what it reads, in one place, so that a hostile or broken file
/// (a session, a questionnaire, an expression, a pattern) costs seconds and megabytes at most,
/// never minutes, gigabytes or a crash. docs/questionnaire-format.md ("Limits") lists them.
///
/// Each is far beyond anything a real questionnaire or session needs: the shipped credible-fear
/// questionnaire is about 110 KB and 9,000 YAML nodes; a long session a few hundred KB.
public enum Limits {
    /// A session file, its backup or its questionnaire copy larger than this is refused.
    public static let sessionFileBytes = 64 * 1024 * 1024
    /// A questionnaire file (questionnaire.yaml or one translation file) larger than this is refused.
    public static let questionnaireFileBytes = 16 * 1024 * 1024
    /// YAML nodes in one questionnaire file, counting every node an alias stands for again (so
    /// nested aliases, the "billion laughs", are refused as soon as they pass it).
    public static let yamlNodes = 2_000_000
    /// How deeply YAML lists and maps may nest.
    public static let yamlDepth = 200
    /// Digits in one number (typed, in a questionnaire, computed or read from a session file),
    /// written out in full, not counting zeros in front or at the end of the fraction. Beyond it
    /// a typed number is refused and a computed one is nothing (`ExactNumber`). 38 is the
    /// precision of Foundation's `Decimal`, through which a session file's numbers are read.
    public static let numberDigits = 38
    /// Characters in one expression.
    public static let expressionCharacters = 10_000
    /// How deeply an expression may nest: brackets, `not`, unary minus, calls, lists, and each
    /// `+` or `-` of a chain (a chain of 20,000 terms would otherwise exhaust the stack).
    public static let expressionDepth = 100
    /// The steps a regular expression (`matches`, `pattern`) may take on one text before the
    /// answer is given up as unknown: each step of Refuge's matcher, each scalar a repeated
    /// class takes and each choice it comes back to costs one (a few hundredths of a second in a
    /// release build).
    public static let regexSteps = 5_000_000
    /// The choices the matcher may hold open at once before it gives up (a group repeated once
    /// per word of a long text holds one per word); about 32 bytes each.
    public static let regexBacktrackEntries = 1_000_000
    /// Texts longer than this (in UTF-16 units) are not matched against a pattern at all.
    public static let regexTextLength = 4 * 1024 * 1024
}
