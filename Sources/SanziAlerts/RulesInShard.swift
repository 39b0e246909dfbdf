import SanziEvents

/// One district's rules inside a run split by district (`ShardReader`): they read the
/// district's records on its thread, and as the records are merged, what they raised on them
/// goes to `DistrictAlerts` in the merged log's ids: the alert's village, subject, evidence and
/// event renumbered as the records are. Such rules raise on, and cite, records of their own
/// villages only (`RuleStateTests`), never the records of other districts they read (those
/// without a village, in the other district's ids).
public final class RulesInShard: ShardReader, @unchecked Sendable {
    private var rules: DistrictRules
    private let alerts: DistrictAlerts
    /// Raised on records not yet merged, in order.
    private var raised: [DistrictAlert] = []
    /// Where each stretch of the district's records went in the merged log, in order: the
    /// evidence of an alert may be records merged days before it.
    private var stretches: [(first: UInt64, merged: UInt64)] = []

    /// A district's copy of `rules`, handing what they raise to `alerts`.
    public init(_ rules: DistrictRules, handingTo alerts: DistrictAlerts) {
        (self.rules, self.alerts) = (rules, alerts)
    }

    public func read(_ events: ArraySlice<LoggedEvent>) {
        rules.observe(events, into: &raised)
    }

    public func merged(_ stretch: MergedStretch, renumbering: inout IDRenumbering) {
        stretches.append((stretch.first, stretch.merged))
        let end = stretch.first + UInt64(stretch.count)
        let count = raised.prefix { $0.event < end }.count
        guard count > 0 else { return }
        alerts.append(
            raised.prefix(count).map { raised in
                var each = raised
                each.event = mergedID(of: raised.event)
                each.alert.evidence = raised.alert.evidence.map(mergedID)
                if raised.alert.village >= 0 { each.alert.village += stretch.villageOffset }
                let subject = raised.alert.subject
                each.alert.subject =
                    subject.renamed { renumbering.id(of: $0, $1, inShard: stretch.shard) } ?? subject
                return each
            })
        raised.removeFirst(count)
    }

    /// The merged log's id of the district's record `id`, merged already.
    private func mergedID(of id: UInt64) -> UInt64 {
        var (low, high) = (0, stretches.count)
        while high - low > 1 {
            let middle = (low + high) / 2
            if stretches[middle].first <= id { low = middle } else { high = middle }
        }
        return stretches[low].merged + (id - stretches[low].first)
    }
}
