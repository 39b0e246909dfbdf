import SanziEvents

/// The offices and declared ties the log has shown so far, and who they relate to an office:
/// a person who has held one, or who has a declared tie to someone who has (the
/// `counterparty_related` feature). The log only ever adds offices and ties, so a person once
/// related stays related: each office and each tie marks the people it relates, and the
/// question is a look-up. (A set of ties for every person, and each bidder's answer cached until
/// the next office or tie, took some 20 MB at 12,000 villages.)
struct OfficeTies {
    private struct Person: BitwiseCopyable, Sendable {
        /// The person's latest end of a tie (see `previousEnd`), or -1.
        var lastEnd: Int32 = -1
        var heldOffice = false
        var isRelated = false
    }

    private var persons = CompactIDTable<Person>()
    /// The declared ties, in the order the log declared them.
    private(set) var ties: [(Int64, Int64)] = []
    /// For each end of each tie (`2 × tie` its first person's, `2 × tie + 1` its second's), the
    /// same person's previous end, or -1: each person's ties as a chain back from `lastEnd`.
    /// (32 bits, as the world's own indices of people are: a world with 2³⁰ ties would be far
    /// beyond what its memory estimate lets run.)
    private var previousEnd: [Int32] = []

    /// Whether `person` has held an office or has a declared tie to someone who has.
    func isRelated(_ person: Int64) -> Bool { persons[person]?.isRelated ?? false }

    /// `person` holds an office from now on: they, and everyone tied to them, are related.
    mutating func office(_ person: Int64) {
        var entry = persons[person] ?? Person()
        guard !entry.heldOffice else { return }
        (entry.heldOffice, entry.isRelated) = (true, true)
        persons[person] = entry
        var end = entry.lastEnd
        while end >= 0 {
            let tie = ties[Int(end / 2)]
            markRelated(end % 2 == 0 ? tie.1 : tie.0)
            end = previousEnd[Int(end)]
        }
    }

    /// A declared tie between `first` and `second`: each is related if the other has held an
    /// office.
    mutating func tie(_ first: Int64, _ second: Int64) {
        let end = Int32(2 * ties.count)
        ties.append((first, second))
        let held = (addEnd(end, of: first), addEnd(end + 1, of: second))
        if held.0 { markRelated(second) }
        if held.1 { markRelated(first) }
    }

    /// Makes `end` the person's latest end of a tie and returns whether they have held an office.
    private mutating func addEnd(_ end: Int32, of person: Int64) -> Bool {
        var entry = persons[person] ?? Person()
        previousEnd.append(entry.lastEnd)
        entry.lastEnd = end
        persons[person] = entry
        return entry.heldOffice
    }

    private mutating func markRelated(_ person: Int64) {
        var entry = persons[person] ?? Person()
        entry.isRelated = true
        persons[person] = entry
    }
}
