/// When a rule's memory by subject forgets the subjects with nothing left in its window.
///
/// A rule filters a subject's list by the window whenever it reads it, so a sweep changes no
/// alert: it only drops the lists that would be found empty. Swept once a window, memory held
/// up to two windows of subjects; swept every eighth of a window, it holds at most nine eighths
/// (C07's bidder sets at 12,000 villages over five years: the largest of these memories).
struct WindowSweep: Sendable {
    let window: Int32
    private var last: Int32 = 0

    init(window: Int32) { self.window = window }

    /// Whether the subjects are to be swept on `day`; if so, `day` is the last sweep.
    mutating func isDue(on day: Int32) -> Bool {
        guard day - last > max(window / 8, 1) else { return false }
        last = day
        return true
    }
}

extension Dictionary {
    /// Removes the entries `isSwept` picks, in place: the kept entries are not hashed again and
    /// the table keeps its room for the next window's (a filtered copy hashed every kept entry
    /// again and then grew by doubling).
    mutating func removeAll(where isSwept: (Element) -> Bool) {
        for key in compactMap({ isSwept($0) ? $0.key : nil }) { removeValue(forKey: key) }
    }
}
