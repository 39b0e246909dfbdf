import Foundation
import SanziAlerts
import SanziEvents
import SanziOutput
import SanziScenario
import SanziTruth
import SanziWorld
import Testing

@testable import SanziTuning

@Suite("Threshold tuning")
struct TunerTests {
    /// Six lease listings whose reserves are 95%, 90% and 84% of the appraisal (honest) and 70%,
    /// 60% and 50% (misconduct). V01 flags a reserve under (1 − delta) of the appraisal: only
    /// delta = 0.2 of its grid flags exactly the three cases (0.15 also flags the 84% one, 0.3
    /// misses the 70% one), so F1 is best there.
    static func constructedRun() throws -> TuningRun {
        let ratios = [0.95, 0.9, 0.84, 0.7, 0.6, 0.5]
        var events: [LoggedEvent] = []
        var cases: [Case] = []
        for (index, ratio) in ratios.enumerated() {
            let id = UInt64(index + 1)
            let appraisal: Int64 = 10_000_000
            events.append(
                LoggedEvent(
                    id: id, day: Int32(10 * index),
                    record: LogRecord(
                        .listing, village: 0, subject: Int64(id), other: Int64(100 + index), amount: appraisal,
                        amount2: Int64(Double(appraisal) * ratio), count: 5, count2: 10)))
            if ratio < 0.8 {
                cases.append(
                    Case(
                        id: cases.count + 1, kind: .misconduct, typology: .belowMarketDeal, village: 0,
                        perpetrators: [],
                        beneficiary: -1, startDay: Int32(10 * index), endDay: Int32(10 * index), expected: 100,
                        booked: 0, adapted: false, discoveredDay: -1, events: [id]))
            }
        }
        return TuningRun(
            seed: 1, log: try TuningLog(events, in: scratch), truth: GroundTruth(cases: cases), villages: 1,
            days: 365)
    }

    @Test func theTunerFindsTheThresholdKnownByHand() throws {
        var tuner = try Tuner(
            base: AlertSettings(), training: [Self.constructedRun()], objective: .f1, keepingIn: Self.scratch)
        let outcome = try tuner.tune()
        let v01 = try #require(outcome.settings.rules.first { $0.id == "V01" })
        #expect(v01.enabled && v01.parameter("delta") == 0.2)
        #expect(outcome.chosen.precision == 1 && outcome.chosen.recall == 1)
        let curve = outcome.curves.filter { $0.rule == "V01" }.map { ($0.value, $0.metrics.alerts) }
        #expect(
            curve.contains { $0 == (0.15, 4) } && curve.contains { $0 == (0.2, 3) } && curve.contains { $0 == (0.3, 2) }
        )
    }

    @Test func theGridStaysInTheDeclaredRange() throws {
        let v01 = try #require(RuleCatalogue.documentation.first { $0.id == "V01" }?.parameters.first)
        #expect(Tuner.grid(for: v01) == [0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.3, 0.4])
        let p03 = try #require(RuleCatalogue.documentation.first { $0.id == "P03" }?.parameters.first)
        #expect(Tuner.grid(for: p03) == [3, 5, 8, 10, 13, 15, 20, 30, 40])
    }

    @Test func objectivesParseAndScore() {
        #expect(Objective(parsing: "f1") == .f1)
        #expect(Objective(parsing: "fbeta:2") == .fbeta(2))
        #expect(Objective(parsing: "recall-at-precision:0.5") == .recallAtPrecision(0.5))
        #expect(Objective(parsing: "loss-at-budget:40") == .lossAtBudget(40))
        for bad in ["f2", "fbeta", "fbeta:-1", "recall-at-precision:2", "loss-at-budget:0", "f1:3"] {
            #expect(Objective(parsing: bad) == nil, "\(bad)")
        }
        var metrics = Metrics()
        (metrics.alerts, metrics.truePositives, metrics.cases, metrics.detected) = (10, 4, 5, 4)
        metrics.months = 1
        #expect(!Objective.recallAtPrecision(0.5).isFeasible(metrics))
        #expect(Objective.recallAtPrecision(0.4).score(metrics) == 0.8)
        #expect(!Objective.lossAtBudget(9).isFeasible(metrics))
        // Closer to the budget scores higher, so a search can walk into feasibility.
        #expect(Objective.lossAtBudget(8).score(metrics) > Objective.lossAtBudget(5).score(metrics))
    }

    /// Under a budget the search keeps a margin free; other objectives search as they are.
    @Test func theSearchKeepsAMarginUnderABudget() {
        #expect(Objective.lossAtBudget(40).searched(margin: 0.1) == .lossAtBudget(36))
        #expect(Objective.f1.searched(margin: 0.1) == .f1)
        #expect(Objective.recallAtPrecision(0.5).searched(margin: 0.1) == .recallAtPrecision(0.5))
    }

    /// A measure the objective does not weigh that falls on the held-out seeds by more than
    /// the share is told; one it weighs, or a smaller fall, is not.
    @Test func aFallInAMeasureTheObjectiveIgnoresIsWarned() {
        var start = Metrics()
        (start.alerts, start.truePositives, start.cases, start.detected) = (100, 10, 20, 10)
        start.lossDetectedFen = 1_000_000
        var chosen = start
        (chosen.alerts, chosen.truePositives, chosen.detected) = (40, 10, 9)
        chosen.lossDetectedFen = 400_000
        let warnings = TuningSummary.falls(from: start, to: chosen, outside: .f1, beyond: 0.2)
        #expect(
            warnings == [
                "on the held-out seeds, loss caught fell 60% (10000.00 yuan → 4000.00 yuan), which `f1` does not weigh"
            ])
        #expect(TuningSummary.falls(from: start, to: chosen, outside: .lossAtBudget(5), beyond: 0.2).isEmpty)
        #expect(TuningSummary.falls(from: start, to: chosen, outside: .f1, beyond: 0.7).isEmpty)
    }

    /// The tuning page tells each change in words, a switched-off rule once, and draws every
    /// rule that raised alerts with its start; a switched-off rule's chart chooses nothing.
    @Test func theTuningPageTellsChangesInWordsAndShowsSwitchedOffRules() throws {
        let runs = Self.simulated
        try #require(runs.count == 2)
        var tuner = try Tuner(base: AlertSettings(), training: runs, objective: .f1, keepingIn: Self.scratch)
        let outcome = try tuner.tune()
        let summary = TuningSummary(
            scenario: "test", objective: .f1, searched: .f1, trainSeeds: [1, 2], testSeeds: [], outcome: outcome,
            start: AlertSettings(), test: (outcome.start, outcome.chosen), warnDrop: 0.2)
        let rows = TuningFiles.changeRows(summary)
        let off = Set(rows.filter { $0[1] == "switched off" }.map { $0[0] })
        #expect(
            !off.isEmpty
                && rows.allSatisfy { $0[1] == "switched off" || $0[1] == "switched on" || $0[1].contains(" → ") })
        #expect(
            rows.allSatisfy { !off.contains($0[0]) || $0[1] == "switched off" }, "a switched-off rule's values listed")
        #expect(!TuningFiles.markdown(summary).contains("enabled"))
        let html = TuningFiles.html(summary, outcome: outcome)
        var charted = 0
        for rule in off {
            let name = RuleCatalogue.documentation.first { $0.id == rule }?.name ?? ""
            guard let chart = html.range(of: "<title>\(rule) \(Escaping.html(name))") else { continue }
            charted += 1
            let end = html[chart.upperBound...].range(of: "</svg>")?.lowerBound ?? html.endIndex
            let drawn = html[chart.lowerBound..<end]
            #expect(drawn.contains("switched off: nothing chosen") && !drawn.contains("#c81e1e"), "\(rule)")
        }
        #expect(charted > 0)
        #expect(html.contains(">start"))
    }

    /// Two simulated seeds of the default scenario, shared by the tests below.
    static let simulated: [TuningRun] = {
        guard let scenario = try? ScenarioLoader.loadScenario(contentsOf: "\(root)/Scenarios/default.xml").value
        else { return [] }
        return [UInt64(1), 2].compactMap { seed in
            guard let writer = try? TuningLog.Writer(in: scratch) else { return nil }
            let (summary, _) = WorldRun.run(scenario, seed: seed, sink: writer)
            guard let log = try? writer.finish() else { return nil }
            return TuningRun(
                seed: seed, log: log, truth: summary.truth, villages: scenario.geography.villages.count,
                days: summary.days)
        }
    }()

    /// Where the tests keep their logs (`TuningLog`: unlinked at once, nothing is left there).
    static let scratch = FileManager.default.temporaryDirectory.path

    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// A monotone parameter's curve from one replay equals one replay per value.
    @Test(arguments: ["V01", "V02", "P04"])
    func oneSortedPassGivesTheSameCurveAsReplayingEachValue(_ id: String) throws {
        let runs = Self.simulated
        try #require(runs.count == 2)
        let index = try #require(RuleCatalogue.documentation.firstIndex { $0.id == id })
        let rule = RuleCatalogue.documentation[index]
        let parameter = try #require(rule.parameters.first { $0.monotone != nil })
        var replay = try RuleReplay(runs: runs, warningSystem: true, escalation: .init(), keepingIn: Self.scratch)
        let setting = RuleSetting(rule, in: AlertSettings())
        let values = Tuner.grid(for: parameter)
        let fast = replay.curve(index, setting, parameter: parameter, values: values)
        let slow = values.map { replay.metrics(ofRule: index, setting.with(parameter.name, $0)) }
        #expect(fast == slow)
        #expect(fast.contains { $0.alerts > 0 })
    }

    /// The budget holds for the chosen settings, scored by the full engine; and the merged
    /// per-rule replays the search uses give exactly what the engine gives.
    @Test func theBudgetHoldsAndTheSearchScoresAsTheEngineDoes() throws {
        let runs = Self.simulated
        try #require(runs.count == 2)
        let scenario = try ScenarioLoader.loadScenario(contentsOf: "\(Self.root)/Scenarios/default.xml").value
        let start = try Tuner.evaluate(scenario.alerts, on: runs)
        let budget = start.alertsPerMonth / 4
        var tuner = try Tuner(
            base: scenario.alerts, training: runs, objective: .lossAtBudget(budget), keepingIn: Self.scratch)
        let outcome = try tuner.tune()
        #expect(outcome.start == start)
        let exact = try Tuner.evaluate(outcome.settings, on: runs)
        #expect(exact == outcome.chosen)
        #expect(exact.alertsPerMonth <= budget)
        #expect(exact.lossDetectedFen > 0)
    }

    /// Replayed a rule at a time and merged, the rules raise what the engine raises over the
    /// whole log, alert for alert: the same rows in the same order, numbered alike, escalations
    /// of escalations included (the named values aside: scoring never reads them). Signals
    /// combine at two, so that reds are made of escalated oranges too.
    @Test func mergedReplaysAreTheEnginesAlerts() throws {
        let runs = Self.simulated
        try #require(runs.count == 2)
        var settings = AlertSettings()
        settings.escalation = .init(yellowToOrange: 2, orangeToRed: 2)
        var replay = try RuleReplay(
            runs: runs, warningSystem: true, escalation: settings.escalation, keepingIn: Self.scratch)
        let merged = replay.alerts(Tuner.settings(of: settings))
        for (run, replayed) in zip(runs, merged) {
            var engine = try AlertEngine(settings: settings)
            var raised = RaisedAlerts()
            run.log.forEach(reading: engine.reads) { event in
                for var alert in engine.observe(event) {
                    alert.values = []
                    raised.append(alert)
                }
            }
            #expect(replayed == raised)
            #expect(Set(raised.ruleIDs).isSuperset(of: ["E01", "E02"]))
            let madeOfEscalations = raised.indices.filter { position in
                raised.rule(at: position) == "E02"
                    && raised[position].combines.contains { raised.position(of: $0).map(raised.rule(at:)) == "E01" }
            }
            #expect(!madeOfEscalations.isEmpty)
        }
        try replay.check()
    }

    /// Tuning on three cores (the trials of a rule scored together, the runs replayed at once)
    /// chooses what the search's definition chooses: one trial at a time, each scored as it
    /// comes, the better taken at once. Seeds simulated three at a time are the runs simulated
    /// one by one, and the exact scores are the same on three cores.
    @Test func tuningOnSeveralCoresChoosesWhatTheSearchDefines() throws {
        let scenario = try PreventedLossTests.scenario([("horizon=\"P3Y\"", "horizon=\"P1Y\"")])
        let rules = try AlertEngine(settings: scenario.alerts)
        let runs = try TuningRun.simulate(
            scenario, seeds: [1, 2, 3], rules: rules, keepingLogsIn: Self.scratch, cores: 3)
        let apart = try [UInt64(1), 2, 3].map {
            try TuningRun.simulate(scenario, seed: $0, rules: rules, keepingLogIn: Self.scratch, jobs: 1)
        }
        #expect(runs.map(\.seed) == [1, 2, 3])
        #expect(runs.map(\.log.events) == apart.map(\.log.events))
        #expect(runs.map(\.alerts) == apart.map(\.alerts))

        let base = scenario.alerts
        let objective = Objective.lossAtBudget(try Tuner.evaluate(base, on: runs).alertsPerMonth / 4)
        var tuner = try Tuner(base: base, training: runs, objective: objective, keepingIn: Self.scratch, cores: 3)
        let outcome = try tuner.tune()

        var replay = try RuleReplay(
            runs: runs, warningSystem: base.warningSystem, escalation: base.escalation, keepingIn: Self.scratch,
            cores: 1)
        var current = Tuner.settings(of: base)
        var best = replay.metrics(current)
        var rounds = 0
        var improved = true
        while improved, rounds < 5 {
            (improved, rounds) = (false, rounds + 1)
            for (index, rule) in RuleCatalogue.documentation.enumerated() {
                for option in tuner.options(rule, from: current[index]) where option != current[index] {
                    var trial = current
                    trial[index] = option
                    let scored = replay.metrics(trial)
                    if objective.improves(scored, on: best) { (best, current, improved) = (scored, trial, true) }
                }
            }
        }
        #expect(outcome.settings == base.with(current))
        #expect(outcome.chosen == best && outcome.rounds == rounds && rounds > 1)
        #expect(outcome.settings != base)
        #expect(try Tuner.evaluate(outcome.settings, on: runs, cores: 3) == outcome.chosen)
    }

    /// Each option the joint search tries keeps its rule's orderings (K03 once wrote
    /// overdue-days 270 with red-days 180).
    @Test func theSearchNeverTriesAValueThatBreaksAnOrdering() throws {
        let base = AlertSettings()
        let tuner = try Tuner(base: base, training: [], objective: .f1, keepingIn: Self.scratch)
        let start = Tuner.settings(of: base)
        var tried = 0
        for (index, rule) in RuleCatalogue.documentation.enumerated() where !rule.orderings.isEmpty {
            for option in tuner.options(rule, from: start[index]) {
                tried += 1
                #expect(rule.orderings.allSatisfy { $0.holds(option.value) }, "\(rule.id): \(option.parameters)")
            }
        }
        #expect(tried > 20)
    }

    /// `--keep`: a kept rule is never offered switched off; others still are.
    @Test func aKeptRuleIsNeverSwitchedOff() throws {
        let base = AlertSettings()
        var tuner = try Tuner(base: base, training: [], objective: .f1, keepingIn: Self.scratch)
        tuner.kept = ["P01"]
        let start = Tuner.settings(of: base)
        for (index, rule) in RuleCatalogue.documentation.enumerated() where ["P01", "P02"].contains(rule.id) {
            let off = tuner.options(rule, from: start[index]).contains { !$0.enabled }
            #expect(off == (rule.id == "P02"), "\(rule.id)")
        }
    }
}
