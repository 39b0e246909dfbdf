/// The cases of one run, and the labels they give to events.
public struct GroundTruth: Sendable, Hashable {
    public var cases: CaseList

    public init(cases: [Case]) { self.cases = CaseList(cases) }

    public init(cases: CaseList) { self.cases = cases }

    /// Misconduct cases only.
    public var misconduct: [Case] { cases.indices.filter { cases.kind(at: $0) == .misconduct }.map { cases[$0] } }

    /// The label of each event a case touched: event id → ids of the cases that touched it.
    /// An event missing from the table is honest and no look-alike.
    public var labels: [UInt64: [Int]] { caseIndices.mapValues { $0.map { cases[$0].id } } }

    /// The part of `labels` for `events` alone, without building the whole table.
    public func caseIDs(touching events: Set<UInt64>) -> [UInt64: [Int]] {
        var ids: [UInt64: [Int]] = [:]
        guard !events.isEmpty else { return ids }
        for position in cases.indices {
            for event in cases.events(at: position) where events.contains(event) {
                ids[event, default: []].append(cases.id(at: position))
            }
        }
        return ids
    }

    /// The same table with positions in `cases` instead of ids.
    public var caseIndices: [UInt64: [Int]] {
        var indices: [UInt64: [Int]] = [:]
        for index in cases.indices {
            for event in cases.events(at: index) { indices[event, default: []].append(index) }
        }
        return indices
    }
}
