import SanziEvents
import SanziTruth

/// One seed's simulated run, kept for tuning: its log, its ground truth and its size. Every
/// candidate setting is evaluated by replaying the rules over this log, never by simulating
/// again.
public struct TuningRun: Sendable {
    public var seed: UInt64
    public var events: [LoggedEvent]
    public var truth: GroundTruth
    public var villages: Int
    public var days: Int

    public init(seed: UInt64, events: [LoggedEvent], truth: GroundTruth, villages: Int, days: Int) {
        self.seed = seed
        self.events = events
        self.truth = truth
        self.villages = villages
        self.days = days
    }
}
