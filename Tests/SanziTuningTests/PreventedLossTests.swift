import SanziAlerts
import SanziEvaluation
import SanziScenario
import SanziTruth
import Testing

@testable import SanziTuning

/// Tuning for what the warning system changes in the world: candidates deployed, the closed
/// loop simulated.
@Suite("Tuning for prevented loss")
struct PreventedLossTests {
    /// The default scenario with some of its text replaced.
    static func scenario(_ replacements: [(String, String)]) throws -> Scenario {
        var text = try String(contentsOfFile: "\(TunerTests.root)/Scenarios/default.xml", encoding: .utf8)
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: "default.xml").value
    }

    static func runs(_ scenario: Scenario, seeds: ClosedRange<UInt64>, settings: AlertSettings) throws -> [TuningRun] {
        let rules = try AlertEngine(settings: settings)
        return try seeds.map {
            try TuningRun.simulate(scenario, seed: $0, rules: rules, keepingLogIn: TunerTests.scratch)
        }
    }

    @Test func theObjectiveParsesAndSimulates() {
        #expect(Objective(parsing: "prevented-loss") == .preventedLoss)
        #expect(Objective(parsing: "prevented-loss:2") == nil)
        #expect(Objective.preventedLoss.description == "prevented-loss")
        #expect(Objective.preventedLoss.simulates && !Objective.f1.simulates)
        #expect(!Objective.preventedLoss.isFeasible(Metrics()), "no deployment, nothing to score")
    }

    /// A gain counts only when it stands out of the seeds' noise: its mean above two standard
    /// errors.
    @Test func aGainMustStandOutOfTheNoise() {
        func metrics(_ prevented: [Int64]) -> Metrics {
            let nothing = WarningEffect.Side(truth: GroundTruth(cases: []), log: OversightLog())
            var metrics = Metrics()
            for fen in prevented {
                var off = nothing
                off.netLossFen = fen
                metrics.add(on: nothing, off: off)
            }
            return metrics
        }
        let current = metrics([100, 200, 300])
        #expect(current.netLossPreventedFen == 600 && current.netLossPreventedBySeedFen == [100, 200, 300])
        // Gains 50, 60, 40: mean 50, standard error 5.8.
        #expect(Objective.preventedLoss.improves(metrics([150, 260, 340]), on: current))
        // Gains 300, -200, 10: mean 36.7, standard error 145.
        #expect(!Objective.preventedLoss.improves(metrics([400, 0, 310]), on: current))
        #expect(!Objective.preventedLoss.improves(current, on: current))
        // Objectives on the alerts need only a higher score.
        #expect(!Objective.f1.improves(current, on: current))
    }

    /// A candidate scored over the current settings' logs, because it forwards the same
    /// warnings and tells offenders the same, scores exactly what deploying it gives.
    @Test func aCandidateThatForwardsTheSameWarningsScoresAsItsDeployment() throws {
        let scenario = try Self.scenario([("horizon=\"P3Y\"", "horizon=\"P18M\"")])
        let base = scenario.alerts
        let runs = try Self.runs(scenario, seeds: 1...2, settings: base)
        var loop = try ClosedLoop(
            scenario: scenario, base: base, start: Tuner.settings(of: base), runs: runs,
            rules: try AlertEngine(settings: base), keepingIn: TunerTests.scratch)
        let tuner = try Tuner(base: base, training: runs, objective: .preventedLoss, keepingIn: TunerTests.scratch)
        let start = Tuner.settings(of: base)
        var checked = 0
        for (index, rule) in RuleCatalogue.documentation.enumerated() where ["V01", "C04", "F05"].contains(rule.id) {
            for option in tuner.options(rule, from: start[index]) {
                var trial = start
                trial[index] = option
                let shortcuts = loop.shortcuts
                let scored = try loop.metrics(trial)
                guard loop.shortcuts > shortcuts else { continue }
                let settings = base.with(trial)
                let deployed = try Self.runs(scenario, seeds: 1...2, settings: settings)
                var direct = try ClosedLoop(
                    scenario: scenario, base: base, start: trial, runs: deployed,
                    rules: try AlertEngine(settings: settings), keepingIn: TunerTests.scratch)
                #expect(try direct.metrics(trial) == scored, "\(rule.id) \(option)")
                checked += 1
            }
        }
        #expect(checked > 0 && loop.simulations > 0)
    }

    /// Where every warning reaches a body and each body has one investigator, rules loosened
    /// and raised to red flood the bodies: many more leads, many shelved, fewer proven and
    /// fewer sanctioned than under the scenario's own settings. (Net loss prevented no longer
    /// separates the two on seeds 1–5 since bribed awards joined the world: −1.74 M yuan calm,
    /// −1.51 M flooded, against a spread of ±0.6 M yuan between seeds; both lose to the
    /// warning system off, with one investigator a body.)
    @Test func floodingTheInvestigatorsLoses() throws {
        let scenario = try Self.scenario([
            ("<discipline lead-delay-days=\"7\"", "<discipline lead-delay-days=\"7\" confirm-false=\"1\""),
            ("investigators=\"3\"", "investigators=\"1\""), ("investigators=\"5\"", "investigators=\"1\""),
        ])
        let start = scenario.alerts
        var flood = start
        flood.rules =
            [
                .init(id: "V01", severity: .red, parameters: [.init(name: "delta", value: 0.025)]),
                .init(id: "K03", severity: .red, parameters: [.init(name: "overdue-days", value: 30)]),
            ] + ["R01", "R02", "K01", "C04"].map { AlertSettings.Rule(id: $0, severity: .red) }
        let runs = try Self.runs(scenario, seeds: 1...5, settings: start)
        let deployed = try Tuner.deploy(
            [start, flood], on: runs, simulatedWith: start, in: scenario, keepingIn: TunerTests.scratch)
        let (calm, flooded) = (try #require(deployed[0].warningSystemOn), try #require(deployed[1].warningSystemOn))
        #expect(flooded.leadsFromAlerts > 5 * calm.leadsFromAlerts)
        #expect(flooded.leadsDropped > 5 * calm.leadsDropped)
        // Fewer proven and sanctioned for eight times the leads (seeds 1–5: 56 proven and 58
        // sanctioned flooded, 76 and 83 calm).
        #expect(flooded.substantiated < calm.substantiated)
        #expect(flooded.sanctions < calm.sanctions)
        #expect(deployed.allSatisfy { $0.netLossPreventedFen != nil })
    }
}
