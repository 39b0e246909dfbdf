import SanziAlerts
import SanziOutput
import SanziWorld

/// What a run that writes into a folder sets aside there while its world is largest, to read
/// once the world is let go: its alerts (`AlertSpool`: 606,422 at 12,000 villages over five
/// years, some 40 MB), the events each case touched (`CaseTouches`: 724,478 there, ~4 MB) and
/// the values of old deals (`ValueSpill`; a run split by district in blocks of 4,096 values, so
/// that its forty worlds' eighty stores keep 2.6 MB in memory, not 40). Each is a
/// `ScratchFile`, unlinked as soon as it is made, so nothing is left in the folder. `sanzi run`
/// and each replication of `sanzi dataset` set aside the same way
/// (`RunPipeline.simulate(setAside:)`).
///
/// ```swift
/// let setAside = try SetAside(in: staged.path)
/// let run = RunPipeline.simulate(scenario, seed: seed, rules: rules, setAside: setAside)
/// let summary = run.summary
/// _ = consume run
/// try setAside.check()                        // before the truth is used
/// let alerts = try setAside.alerts.readBack()
/// ```
public struct SetAside {
    /// The alerts, in the order raised.
    public let alerts: AlertSpool
    let touches: CaseTouches
    let spill: ValueSpill
    let shardSpill: ValueSpill

    /// Files in `folder`, which exists.
    public init(in folder: String) throws(OutputError) {
        alerts = try AlertSpool(folder: folder)
        touches = try CaseTouches(spoolingIn: folder)
        spill = ValueSpill(in: folder)
        shardSpill = ValueSpill(in: folder, blockSize: 1 << 12)
    }

    /// Throws the first error writing or reading the cases' events or the deals' values: the
    /// run's ground truth and what its world read are right only without one.
    public func check() throws(OutputError) {
        try touches.check()
        try spill.check()
        try shardSpill.check()
    }
}
