import SanziEvents
import SanziScenario
import SanziWorld

/// `run.json`: what was run and what it made (its fields are documented in the README).
struct RunRecord: Encodable {
    var sanziVersion: String
    var scenario: String
    var scenarioDigest: String
    var source: String
    var seed: UInt64
    var start: String
    var end: String
    var days: Int
    var villages: Int
    var events: UInt64
    var engineEvents: Int
    var counts: [String: Int]
    var alerts: Int
    var cases: Int
    var lookAlikes: Int
    var lossYuan: String
    var wallSeconds: Double
    var eventsPerSecond: Double
    var simulated: Bool
    var summary: ScenarioSummary

    init(_ run: RunFolder, world: WorldRun.Summary, alerts: Int) {
        let summary = ScenarioSummary(run.scenario, seed: run.seed)
        let truth = world.truth
        sanziVersion = Sanzi.version
        scenario = run.scenario.name
        scenarioDigest = run.scenario.digest
        source = run.source
        seed = run.seed
        start = summary.start
        end = summary.end
        days = summary.days
        villages = summary.villages
        events = world.events
        engineEvents = world.engineEvents
        counts = Dictionary(
            uniqueKeysWithValues: EventType.allCases.map { ($0.name, world.counts[Int($0.rawValue)]) })
        self.alerts = alerts
        cases = truth.misconduct.count
        lookAlikes = truth.cases.count - truth.misconduct.count
        lossYuan = Money(fen: truth.misconduct.reduce(0) { $0 + $1.loss }).description
        wallSeconds = (world.wallSeconds * 1000).rounded() / 1000
        eventsPerSecond = world.eventsPerSecond.rounded()
        simulated = true
        self.summary = summary
    }
}

/// Sanzi itself.
public enum Sanzi {
    /// The version written into every output that records what made it.
    public static let version = "0.1.0"
}
