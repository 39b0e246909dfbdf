/// Suggestions for mistyped names: ids, rules, commands.
public enum Spelling {
    /// The candidate nearest to `word` by edit distance, when it is near enough to be a typo
    /// (at most two edits, or a third of the word's length; never for a word over 64 characters). Of equally near candidates, one
    /// with the word's first letter wins (typos seldom start a word), then the first by name.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        // A name is short; a long word is no typo of one (and would cost its length squared).
        guard word.count <= 64 else { return nil }
        let scored = candidates.map { ($0, editDistance(Array(word), Array($0)), $0.first == word.first ? 0 : 1) }
        guard let best = scored.min(by: { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }), best.1 <= max(2, word.count / 3)
        else { return nil }
        return best.0
    }

    /// Edit distance with transpositions (optimal string alignment): insertions, deletions,
    /// substitutions and swaps of two neighbours ("mni" is one edit from "min").
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1]
            for j in b.indices {
                var distance = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
                if i > 0, j > 0, a[i] == b[j - 1], a[i - 1] == b[j] { distance = min(distance, before[j - 1] + 1) }
                current.append(distance)
            }
            (before, previous) = (previous, current)
        }
        return previous[b.count]
    }
}
