/// When a rule's memory by subject forgets the subjects with nothing left in its window.
///
/// A rule filters a subject's list by the window whenever it reads it, so forgetting changes
/// no alert: it only drops what would be found out of the window. Swept once a window, memory
/// held up to two windows of subjects; swept every eighth of a window, it holds at most nine
/// eighths (C07's bidder sets at 12,000 villages over five years: the largest of these
/// memories). The sweep removes in place: kept subjects are not hashed again and the table
/// keeps its room for the next window's (a filtered copy hashed every kept subject again, then
/// grew by doubling).
struct WindowSweep: Sendable {
    private var last: Int32 = 0

    /// Every eighth of `window` days, forgets the subjects of `memory` whose latest day (of
    /// lists in order of days, the last) is more than `window` days before `day`, or who have
    /// none.
    mutating func forget<Subject, Memory>(
        in memory: inout [Subject: Memory], window: Int32, on day: Int32, latestDay: (Memory) -> Int32?
    ) {
        guard day - last > max(window / 8, 1) else { return }
        last = day
        let stale = memory.compactMap { subject, remembered -> Subject? in
            guard let latest = latestDay(remembered), day - latest <= window else { return subject }
            return nil
        }
        for subject in stale { memory.removeValue(forKey: subject) }
    }
}
