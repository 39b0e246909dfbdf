/// The cases of one run, and the labels they give to events.
public struct GroundTruth: Sendable, Hashable {
    public var cases: [Case]

    public init(cases: [Case]) { self.cases = cases }

    /// Misconduct cases only.
    public var misconduct: [Case] { cases.filter { $0.kind == .misconduct } }

    /// The label of each event a case touched: event id → ids of the cases that touched it.
    /// An event missing from the table is honest and no look-alike.
    public var labels: [UInt64: [Int]] {
        var labels: [UInt64: [Int]] = [:]
        for entry in cases {
            for event in entry.events { labels[event, default: []].append(entry.id) }
        }
        return labels
    }
}
