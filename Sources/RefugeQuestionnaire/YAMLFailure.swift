/// Why a YAML text could not be composed into a tree, with libyaml's own words and 1-based
/// positions, before it is turned into a message for the author.
enum YAMLFailure: Error {
    /// A line and column, 1-based, as libyaml counts them (columns in characters).
    struct Mark: Equatable {
        var line: Int
        var column: Int
    }
    /// A scanner, parser or composer error: what went wrong where, and what libyaml was in
    /// the middle of reading when it did (the "context"), if it said.
    case syntax(problem: String, at: Mark, context: (text: String, at: Mark)?)
    /// Keys that appear more than once in one map (in report order), at the first
    /// occurrence of the first of them.
    case duplicateKeys([String], at: Mark)
    /// libyaml could not read the characters themselves (for example a control character).
    case reader(problem: String)
    /// A limit of `Limits` passed (too many values, nested too deeply): the message says which.
    case limit(String, at: Mark)
    /// Anything else libyaml reports (running out of memory).
    case unreadable
}
