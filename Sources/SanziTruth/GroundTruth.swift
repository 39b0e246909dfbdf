/// The cases of one run, and the labels they give to events.
public struct GroundTruth: Sendable, Hashable {
    public var cases: [Case]

    public init(cases: [Case]) { self.cases = cases }

    /// Misconduct cases only.
    public var misconduct: [Case] { cases.filter { $0.kind == .misconduct } }

    /// The label of each event a case touched: event id → ids of the cases that touched it.
    /// An event missing from the table is honest and no look-alike.
    public var labels: [UInt64: [Int]] { caseIndices.mapValues { $0.map { cases[$0].id } } }

    /// The same table with positions in `cases` instead of ids.
    public var caseIndices: [UInt64: [Int]] {
        var indices: [UInt64: [Int]] = [:]
        for (index, entry) in cases.enumerated() {
            for event in entry.events { indices[event, default: []].append(index) }
        }
        return indices
    }
}
