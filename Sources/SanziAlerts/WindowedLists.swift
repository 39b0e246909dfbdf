/// What a rule remembers of each subject within a window: the subject's entries, in order of
/// days. Most subjects have one entry at a time (a bidder set met once, a party that won once
/// this year, one signal on a subject): it is kept inline, and only a subject with more has a
/// list of its own, which costs some 56 bytes more (the array's header and malloc's). C07, C08
/// and the escalation keep theirs here: at 12,000 villages over five years, the run's peak
/// fell by ~7 MB for C08 and the escalation. (So does `sanzi dataset` for the wins C08 counts.)
public struct WindowedLists<Subject: Hashable & Sendable, Entry: Sendable>: Sendable {
    private var single: [Subject: Entry] = [:]
    private var several: [Subject: [Entry]] = [:]
    private var sweeps = (single: WindowSweep(), several: WindowSweep())
    /// The list `update` hands a subject's single entry in, kept for its room.
    private var scratch: [Entry] = []

    /// No subject remembered.
    public init() {}

    /// The subjects remembered.
    public var count: Int { single.count + several.count }
    /// The subjects with a list of their own (more than one entry).
    var listed: Int { several.count }

    /// Every eighth of `window` days, forgets the subjects whose latest entry (by `dayOf`) is
    /// more than `window` days before `day` (`WindowSweep`).
    public mutating func forget(window: Int32, on day: Int32, dayOf: (Entry) -> Int32) {
        sweeps.single.forget(in: &single, window: window, on: day) { dayOf($0) }
        sweeps.several.forget(in: &several, window: window, on: day) { $0.last.map(dayOf) }
    }

    /// Lets `body` change the entries of `subject` (none when it is not remembered) and
    /// returns what `body` returns; a subject left with no entries is forgotten.
    public mutating func update<Result>(_ subject: Subject, _ body: (inout [Entry]) -> Result) -> Result {
        if let index = several.index(forKey: subject) {
            // Changed in place: a copy taken out and put back copied the list each time.
            let result = body(&several.values[index])
            if several.values[index].count <= 1, let entry = several.remove(at: index).value.first {
                single[subject] = entry
            }
            return result
        }
        // A single entry is handed to `body` in a list kept for the purpose, and changed in
        // place while it stays single: no list is made, and the subject is looked up once.
        var entries = scratch
        scratch = []
        entries.removeAll(keepingCapacity: true)
        let index = single.index(forKey: subject)
        if let index { entries.append(single.values[index]) }
        let result = body(&entries)
        switch (index, entries.count) {
        case (let index?, 0): single.remove(at: index)
        case (let index?, 1): single.values[index] = entries[0]
        case (nil, 0): break
        case (nil, 1): single[subject] = entries[0]
        case (let index, _):
            if let index { single.remove(at: index) }
            several[subject] = entries
            entries = []
        }
        scratch = entries
        return result
    }
}
