// "Did you mean ...?" for names an author mistyped: the one edit distance of the program, used by
// the expression checker and the questionnaire validator alike.

public enum Suggestions {
    /// The candidate closest to `word`, if it is close enough to be a likely typo. Of equally
    /// close candidates the first in alphabetical order, so the message is the same on every run
    /// (candidates often come from a `Set`, whose order changes from run to run).
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            guard distance <= limit else { continue }
            if let (bestCandidate, bestDistance) = best, distance > bestDistance || (distance == bestDistance && bestCandidate <= candidate) {
                continue
            }
            best = (candidate, distance)
        }
        return best?.0
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](0...b.count)
        var twoBack = previousRow
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], twoBack[j - 2] + 1)
                }
            }
            twoBack = previousRow
            previousRow = row
        }
        return previousRow[b.count]
    }
}
