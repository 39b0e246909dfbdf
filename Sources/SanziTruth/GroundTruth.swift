/// The cases of one run, and the labels they give to events.
public struct GroundTruth: Sendable, Hashable {
    public var cases: [Case]

    public init(cases: [Case]) { self.cases = cases }

    /// Misconduct cases only.
    public var misconduct: [Case] { cases.filter { $0.kind == .misconduct } }

    /// The label of each event a case touched: event id → ids of the cases that touched it.
    /// An event missing from the table is honest and no look-alike.
    public var labels: [UInt64: [Int]] { caseIndices.mapValues { $0.map { cases[$0].id } } }

    /// The part of `labels` for `events` alone, without building the whole table.
    public func caseIDs(touching events: Set<UInt64>) -> [UInt64: [Int]] {
        var ids: [UInt64: [Int]] = [:]
        guard !events.isEmpty else { return ids }
        for entry in cases {
            for event in entry.events where events.contains(event) { ids[event, default: []].append(entry.id) }
        }
        return ids
    }

    /// The same table with positions in `cases` instead of ids.
    public var caseIndices: [UInt64: [Int]] {
        var indices: [UInt64: [Int]] = [:]
        for (index, entry) in cases.enumerated() {
            for event in entry.events { indices[event, default: []].append(index) }
        }
        return indices
    }
}
