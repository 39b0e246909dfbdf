import SanziOutput

/// The alerts the rules inside a split run's districts raised, in the merged log's ids and
/// order, on their way from the thread that merges the districts' records to the engine's
/// (`AlertCollector`). Each is handed over before the record it was raised on goes to the log,
/// so when the engine reads a record, every alert raised on it is here or already taken.
public final class DistrictAlerts: Sendable {
    private let waiting = Locked<[DistrictAlert]>([])

    public init() {}

    /// Adds alerts raised on records merged after those of every alert added before.
    func append(_ alerts: [DistrictAlert]) { waiting.withLock { $0 += alerts } }

    /// Moves every alert waiting to the end of `taken`.
    func take(into taken: inout [DistrictAlert]) {
        waiting.withLock { waiting in
            guard !waiting.isEmpty else { return }
            taken += waiting
            waiting.removeAll(keepingCapacity: true)
        }
    }
}
