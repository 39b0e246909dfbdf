/// Reads one district's records inside a run split by district, on the thread that simulates
/// the district, in the district's own ids, and hands what it made of them to the run as the
/// records are merged into the one log: how a split run's rules kept per event, deal, village
/// or district run beside the district's world (docs/districts.md), neither side importing
/// the other.
public protocol ShardReader: AnyObject {
    /// The district's next records, in its order and ids; before them, the records without a
    /// village that other districts logged since the last call and that the merged log puts
    /// first (a scenario-wide intervention, which one district logs for all), as they logged
    /// them. Called on any one thread at a time.
    func read(_ events: ArraySlice<LoggedEvent>)

    /// The district's records `stretch` names are now the merged log's, renumbered by
    /// `renumbering`; called on the merging thread before they go to the log, with every
    /// record before them in the merged log renumbered.
    func merged(_ stretch: MergedStretch, renumbering: inout IDRenumbering)
}

/// Where a stretch of one district's records went in the merged log.
public struct MergedStretch: Sendable, Hashable {
    /// The district's place among the run's shards (`IDRenumbering`'s shard).
    public var shard: Int
    /// The district's id of the stretch's first record.
    public var first: UInt64
    /// The merged log's id of that record.
    public var merged: UInt64
    /// How many records the stretch holds.
    public var count: Int
    /// Where the district's villages begin among the whole scenario's.
    public var villageOffset: Int32

    public init(shard: Int, first: UInt64, merged: UInt64, count: Int, villageOffset: Int32) {
        (self.shard, self.first, self.merged, self.count) = (shard, first, merged, count)
        self.villageOffset = villageOffset
    }
}
