import RefugeExpressions
/// `{{id}}` in a text may name only a question asked earlier (inside a repeat, a field of the
/// same entry; in an entry label, any field of that repeat).
extension Builder {
    /// Keeps a text for `checkInterpolations` when it has a placeholder in some language: most
    /// texts have none, and keeping every one (with its description, built at once) cost time
    /// and memory in proportion to the questionnaire.
    mutating func noteInterpolated(_ text: LocalizedText, what: @autoclosure () -> String, before: Int?, repeatID: String?, anyFieldOf: String?) {
        guard text.translations.values.contains(where: { !PlaceholderNames.names(in: $0).isEmpty }) else { return }
        interpolatedTexts.append((text, what(), before, repeatID, anyFieldOf))
    }

    mutating func checkInterpolations() {
        for entry in interpolatedTexts {
            var reported: Set<String> = []
            for language in languages {
                guard let text = entry.text[language] else { continue }
                for id in PlaceholderNames.names(in: text) where !reported.contains(id) {
                    if let problem = interpolationProblem(id, before: entry.before, repeatID: entry.repeatID, anyFieldOf: entry.anyFieldOf) {
                        reported.insert(id)
                        sink.error(entry.text.location, "`{{\(id)}}` in \(entry.what): \(problem)")
                    }
                }
            }
        }
    }

    private func interpolationProblem(_ id: String, before: Int?, repeatID: String?, anyFieldOf: String?) -> String? {
        guard let target = catalog.entries[id] else {
            if let close = Suggestions.closest(to: id, among: catalog.allIDs) { return "no question has this id; did you mean `\(close)`?" }
            return "no question has this id"
        }
        guard let type = target.itemType else { return "`\(id)` is a section, not a question" }
        if type == .info { return "`\(id)` is an information screen and has no answer to show" }
        if let fieldRepeat = target.repeatID {
            if fieldRepeat == anyFieldOf { return nil }
            if fieldRepeat != repeatID { return "`\(id)` is a field of the repeat `\(fieldRepeat)` and can only be shown inside it" }
        }
        if let before, target.order >= before { return "`\(id)` is asked later; a text can only show answers given before it" }
        return nil
    }
}
