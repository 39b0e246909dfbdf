/// Suggestions for mistyped names: ids, rules, commands.
public enum Spelling {
    /// The candidate nearest to `word` by edit distance, when it is near enough to be a typo
    /// (at most two edits, or a third of the word's length). Of equally near candidates, one
    /// with the word's first letter wins (typos seldom start a word), then the first by name.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(word), Array($0)), $0.first == word.first ? 0 : 1) }
        guard let best = scored.min(by: { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }), best.1 <= max(2, word.count / 3)
        else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1]
            for (j, right) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
