import SanziScenario

/// The entries of a ground truth, kept compactly: a random-access collection of `Case`, in
/// the order appended.
///
/// Most entries are look-alikes, whose record says only their typology, village, beneficiary,
/// days and events (12,000 villages over fifteen years: 332,850 entries, 1,913,358 event ids).
/// A `Case` is 88 bytes with an array of its own for its events (32 bytes, and 8 an event);
/// here such a look-alike is a 24-byte row, the events of every entry share one array, and any
/// other entry is kept whole beside it (its events in the shared array too). Reading an element
/// builds the `Case` again, the same value that was appended; `id(at:)`, `kind(at:)`,
/// `typology(at:)`, `discoveredDay(at:)`, `events(at:)` and the like read without building it.
public struct CaseList: RandomAccessCollection, Sendable, Hashable {
    /// An entry: its village, beneficiary and days, and where it is kept whole, if it is.
    struct Row: Sendable, Hashable {
        var village: Int32
        var beneficiary: Int32
        var startDay: Int32
        var endDay: Int32
        /// Position in `whole`, or -1 for a look-alike kept as this row alone.
        var whole: Int32
        var typology: Typology
    }

    private var rows: [Row] = []
    /// Where each entry's events end in `events`; they start where the previous entry's end.
    private var eventEnds: [Int] = []
    private var events: [UInt64] = []
    /// The entries a row cannot hold, with their events left out.
    private var whole: [Case] = []

    public init() {}

    /// The entries of `cases`, in their order.
    public init(_ cases: some Sequence<Case>) {
        for entry in cases { append(entry) }
    }

    /// How many entries are kept whole (the others are rows alone).
    var wholeEntries: Int { whole.count }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> Case {
        let row = rows[position]
        let ids = Array(events(at: position))
        guard row.whole >= 0 else {
            return Case(
                id: position + 1, kind: .lookAlike, typology: row.typology, village: row.village, perpetrators: [],
                beneficiary: Int64(row.beneficiary), startDay: row.startDay, endDay: row.endDay, expected: 0,
                booked: 0, adapted: false, discoveredDay: -1, events: ids)
        }
        var entry = whole[Int(row.whole)]
        entry.events = ids
        return entry
    }

    /// The id of the entry at `position`.
    public func id(at position: Int) -> Int { wholeIndex(position).map { whole[$0].id } ?? position + 1 }

    /// Whether the entry at `position` is misconduct or a look-alike.
    public func kind(at position: Int) -> Case.Kind { wholeIndex(position).map { whole[$0].kind } ?? .lookAlike }

    /// The typology of the entry at `position`.
    public func typology(at position: Int) -> Typology { rows[position].typology }

    /// The day an investigation proved the entry at `position`, or -1.
    public func discoveredDay(at position: Int) -> Int32 { wholeIndex(position).map { whole[$0].discoveredDay } ?? -1 }

    /// The first day of the entry at `position`.
    public func startDay(at position: Int) -> Int32 { rows[position].startDay }

    /// The loss of the entry at `position`, in fen (`Case.loss`).
    public func loss(at position: Int) -> Int64 { wholeIndex(position).map { whole[$0].loss } ?? 0 }

    /// The money that changed hands privately in the entry at `position`, in fen.
    public func privateMoney(at position: Int) -> Int64 { wholeIndex(position).map { whole[$0].privateMoney } ?? 0 }

    /// How many people acted the entry at `position`.
    public func perpetratorCount(at position: Int) -> Int {
        wholeIndex(position).map { whole[$0].perpetrators.count } ?? 0
    }

    /// Where the entry at `position` is kept whole in `whole`, or nil for a look-alike kept as a
    /// row alone (numbered by its place, with no perpetrators, money or discovery).
    private func wholeIndex(_ position: Int) -> Int? {
        let row = rows[position]
        return row.whole < 0 ? nil : Int(row.whole)
    }

    /// The events of the entry at `position`, ascending.
    public func events(at position: Int) -> ArraySlice<UInt64> {
        events[(position == 0 ? 0 : eventEnds[position - 1])..<eventEnds[position]]
    }

    /// Makes room for `count` entries with `events` event ids in all.
    public mutating func reserveCapacity(_ count: Int, events: Int) {
        rows.reserveCapacity(count)
        eventEnds.reserveCapacity(count)
        self.events.reserveCapacity(events)
    }

    /// Adds `entry` at the end.
    public mutating func append(_ entry: Case) {
        events.append(contentsOf: entry.events)
        eventEnds.append(events.count)
        let beneficiary = Int32(exactly: entry.beneficiary)
        var row = Row(
            village: entry.village, beneficiary: beneficiary ?? -1, startDay: entry.startDay, endDay: entry.endDay,
            whole: -1, typology: entry.typology)
        if beneficiary == nil || !isSmall(entry) {
            var kept = entry
            kept.events = []
            row.whole = Int32(whole.count)
            whole.append(kept)
        }
        rows.append(row)
    }

    /// Whether a row alone gives `entry` back: a look-alike numbered by its place, with
    /// nothing but its typology, village, beneficiary, days and events.
    private func isSmall(_ entry: Case) -> Bool {
        entry.kind == .lookAlike && entry.id == rows.count + 1 && entry.perpetrators.isEmpty
            && entry.expected == 0 && entry.booked == 0 && !entry.adapted && entry.discoveredDay == -1
            && entry.recovered == 0 && entry.privateMoney == 0
    }
}
