import Dispatch
import Foundation
import SanziAlerts
import SanziEngine
import SanziEvents
import SanziScenario
import SanziWorld

/// The one way Sanzi runs a scenario, for every command and benchmark: the world simulated
/// from its first day to its horizon, its log handed in order to consumers on threads of their
/// own, and the alert rules running inline over the same log.
///
/// ```swift
/// let collector = EventCollector()
/// let rules = try AlertEngine(settings: scenario.alerts)
/// let result = RunPipeline.simulate(scenario, seed: 7, rules: rules, consumers: [collector])
/// print(result.alerts.count, result.summary.truth.misconduct.count)
/// ```
///
/// Adaptive offenders know what the rules' settings deploy (`RuleCatalogue.offenderKnowledge`),
/// so a run, a tuning and a dataset simulate the same world for the same settings and seed.
public enum RunPipeline {
    /// The machine's cores: how many a run uses unless told otherwise.
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// How `cores` are shared among `runs` runs made side by side (seeds, replications): how
    /// many run at once, and the cores each run's pipeline has (those left over go to each).
    public static func sharing(_ cores: Int, among runs: Int) -> (atOnce: Int, each: Int) {
        let atOnce = max(1, min(cores, runs))
        return (atOnce, max(1, cores / atOnce))
    }

    /// Events in a batch of the rules' pipeline.
    static let rulesBatch = 1_024

    /// Batches the rules' pipeline holds before the world waits for the rules: about half a
    /// day of the log (the benchmark's shape logs about one event a village a day, 12,401 a day
    /// at 12,000 villages), and at least 8. The first of a month logs some ten mean days at
    /// once; the world's thread waits for the rules through it unless the pipeline lets them
    /// fall behind and catch up after. At 120,000 villages over a year (`--jobs 2`) the world's
    /// thread waited 7.3 s of a 41–44 s run with 8 batches, 2.7–2.9 s of 35–37 s with 58 (half
    /// a day) and 2.3–2.4 s with 117, for some 20 MB more at the peak. Up to 18,431 villages
    /// it stays 8: there a batch held costs some 250 KB at the peak, and the scaling
    /// benchmark's 12,000 villages split by district peak within 3 MiB of the 256 MiB issue 19
    /// allows (a day, 11 batches, took them to 255 MiB).
    static func rulesDepth(villages: Int) -> Int { max(8, villages / (2 * rulesBatch)) }

    /// What a run produced.
    public struct Result: Sendable {
        /// Events, counts, days, wall time and the ground truth.
        public var summary: WorldRun.Summary
        /// The world as it stands at the horizon (its actors, for datasets): one world, or one
        /// per district for a scenario with news windows.
        public var world: WorldAtHorizon
        /// The alerts the rules raised, in order (empty when the rules did not run, or when
        /// they went to a spool).
        public var alerts: RaisedAlerts
    }

    /// Simulates `scenario` with `seed`.
    ///
    /// - Parameters:
    ///   - rules: the alert rules deployed (with the scenario's settings, or a thresholds file's).
    ///   - runsRules: whether the rules run over the log (their alerts are in the result); when
    ///     they do not, offenders still know what they would deploy.
    ///   - alertWriter: where the rules' thread writes each alert as it is raised.
    ///   - setAside: where the alerts (instead of the result), the events each case touched and
    ///     the values of old deals wait, for a caller that reads them once it has let the world
    ///     go; nil keeps them in memory.
    ///   - consumers: sinks that each take the log on a thread of their own when there are cores
    ///     for them (see `jobs`), else on the world's.
    ///   - besideRules: light sinks that take the log on the rules' thread.
    ///   - progress: a sink that sees the log on the world's own thread (a progress line).
    ///   - jobs: the cores the run may use: at most one busy thread each. With 1, everything
    ///     runs on the calling thread; with 2 or more, the rules (and `besideRules`) take the log
    ///     on a thread of their own while the world goes on, and each consumer takes it on
    ///     another when a core is left for it (else on the world's thread). When the rules run
    ///     on the world's thread (leads within two days), the consumers take the second core.
    ///     Outputs are the same bytes.
    ///   - hosting: where a scenario with news windows keeps its districts' worlds; one kept
    ///     elsewhere that fails stops the run (`WorldAtHorizon.failure`).
    public static func simulate(
        _ scenario: Scenario, seed: UInt64, rules engine: AlertEngine, runsRules: Bool = true,
        alertWriter: AlertWriter? = nil, setAside: SetAside? = nil, consumers: [any EventSink] = [],
        besideRules: [any EventSink] = [], progress: (any EventSink)? = nil, jobs: Int = cores,
        hosting: ShardHosting = .threads
    ) -> Result {
        let started = WallClock.seconds()
        // When leads follow alerts within a day or two, the world would wait for the rules at
        // every day's end: the rules then run on the world's own thread instead.
        let threaded = jobs >= 2
        let inline = !threaded || (runsRules && scenario.oversight.discipline.leadDelayDays <= 2)
        let rulesApart = (runsRules || !besideRules.isEmpty) && !inline
        let split = scenario.geography.newsWindowDays != nil
        let shardThreads = max(1, jobs - (rulesApart ? 1 : 0))
        // With districts simulated side by side, their rules kept within a district run beside
        // them: what is left for the rules' own thread is the rules that follow parties.
        var engine = engine
        var districts: (rules: DistrictRules, alerts: DistrictAlerts)?
        if split, runsRules, shardThreads > 1 { districts = (engine.handOverDistrictRules(), DistrictAlerts()) }
        // The alerts act on the world through warnings, when the rules run.
        let warnings = runsRules ? RuleWarnings() : nil
        let rules =
            runsRules
            ? AlertCollector(engine: engine, spool: setAside?.alerts, districts: districts?.alerts) { alert in
                alertWriter?.write(alert)
                warnings?.hand(alert)
            } : nil
        let ruleThread = rules.map { [$0] + besideRules } ?? besideRules
        let secondCore = DispatchQueue(label: "sanzi.rules")
        // A busy thread more than there are cores made each wait for one: bench-large with
        // `--jobs 2` and the log's writer on a third thread kept the world waiting for a core
        // 0.53 of its 2.6 s (/proc's schedstat).
        let busyThreads = rulesApart ? 2 : 1
        let consumersApart = threaded && jobs >= busyThreads + consumers.count
        // What a consumer on the world's thread need not do there (the log's lines) goes to
        // the rules' core, between their batches, and comes back to the world's thread when
        // that would wait for the rules: a third thread would wait for a core too.
        let offloading = rulesApart && !consumersApart ? consumers : []
        let rulePipeline =
            rulesApart
            ? PipelineSink(
                TeeSink(ruleThread), batchSize: rulesBatch,
                depth: rulesDepth(villages: scenario.geography.villages.count), queue: secondCore
            ) {
                offloading.contains { $0.workWhileWaiting() }
            } : nil
        warnings?.pipeline = rulePipeline
        let pipelines =
            (consumersApart ? consumers.map { PipelineSink($0) } : []) + (rulePipeline.map { [$0] } ?? [])
        let onWorldThread = (inline ? ruleThread : []) + (consumersApart ? [] : consumers)
        for consumer in offloading { consumer.offload(to: secondCore) }
        let sinks: [any EventSink] =
            (progress.map { [$0] } ?? []) + (warnings.map { [$0] } ?? []) + onWorldThread + pipelines
        let logEnded = {
            for pipeline in pipelines { pipeline.finish() }
            // The warnings hold the rules' pipeline, whose collector holds the warnings:
            // without this, every run left its rules and their state behind (tune and dataset
            // run many).
            warnings?.pipeline = nil
            // The rules' state goes before the world's ground truth is built (at 12,000
            // villages, ~100 MB against ~17).
            rules?.logEnded()
        }
        let sink = sinks.count == 1 ? sinks[0] : TeeSink(sinks)
        let knowledge = RuleCatalogue.offenderKnowledge(engine.settings)
        var summary: WorldRun.Summary
        let world: WorldAtHorizon
        if split {
            // Districts apart: the cores the rules leave simulate them.
            let readers = districts.map { districts in
                { (_: Int) -> any ShardReader in RulesInShard(districts.rules, handingTo: districts.alerts) }
            }
            let (merged, shards) = SplitRun.run(
                scenario, seed: seed, knowledge: knowledge, sink: sink, warnings: warnings, threads: shardThreads,
                touches: setAside?.touches ?? CaseTouches(), spill: setAside?.shardSpill ?? ValueSpill(),
                readers: readers, hosting: hosting, logEnded: logEnded)
            (summary, world) = (merged, .split(shards))
        } else {
            let (whole, horizon) = WorldRun.run(
                scenario, seed: seed, knowledge: knowledge, sink: sink, warnings: warnings,
                touches: setAside?.touches ?? CaseTouches(), spill: setAside?.spill ?? ValueSpill(), logEnded: logEnded)
            (summary, world) = (whole, .whole(horizon))
        }
        summary.wallSeconds = WallClock.seconds() - started
        return Result(summary: summary, world: world, alerts: rules?.alerts ?? RaisedAlerts())
    }
}
