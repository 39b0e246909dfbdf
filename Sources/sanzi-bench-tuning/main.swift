// The tuning benchmark: `swift run -c release sanzi-bench-tuning`.
//
// 1. Tunes every rule of Scenarios/default.xml on five training seeds (1-5, objective f1), the
//    seeds simulated in the timed span as `sanzi tune` does, on one core and then on all the
//    machine's (`sanzi tune --jobs`), and checks both choose the same. Target: under 60 s.
// 2. Simulates Scenarios/bench-large.xml long enough for a log of at least 10 M events, keeps
//    it on disk as `sanzi tune` does (in the temporary folder), and times one rule's curve
//    over it: V01's delta (monotone: one replay, one sort) and, for contrast, the same points
//    replayed one value at a time. Target: under 10 s for the curve. Prints the peak memory.
//
// Prints one JSON object per line; run from the package root.
import Foundation
import SanziAlerts
import SanziOutput
import SanziScenario
import SanziTuning

func seconds(_ body: () -> Void) -> Double {
    let start = Date()
    body()
    return Date().timeIntervalSince(start)
}

func peakMebibytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return (line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0) / 1024
}

func scenario(_ path: String, horizon: String? = nil) -> Scenario {
    guard var text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("\(path): error: cannot read (run from the package root)\n".utf8))
        exit(66)
    }
    if let horizon { text = text.replacing(#"horizon="P10Y""#, with: #"horizon="\#(horizon)""#) }
    guard let scenario = try? ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: path).value else {
        FileHandle.standardError.write(Data("\(path): error: invalid scenario\n".utf8))
        exit(65)
    }
    return scenario
}

/// Where the seeds' logs are kept (unlinked at once: nothing is left there).
let logs = FileManager.default.temporaryDirectory.path

/// The value `body` gives; an error keeping or reading a log ends the benchmark with 73.
func keepingLogs<Value>(_ body: () throws(OutputError) -> Value) -> Value {
    do throws(OutputError) {
        return try body()
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(73)
    }
}

func simulate(_ scenario: Scenario, seed: UInt64) -> TuningRun {
    guard let rules = try? AlertEngine(settings: scenario.alerts) else {
        FileHandle.standardError.write(Data("error: the scenario's alert settings are invalid\n".utf8))
        exit(65)
    }
    return keepingLogs { () throws(OutputError) in
        try TuningRun.simulate(scenario, seed: seed, rules: rules, keepingLogIn: logs)
    }
}

func emit(_ fields: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
}

/// Tunes every rule of `scenario` on seeds 1-5 with `cores`: the time, the events simulated
/// and the settings chosen.
func tune(_ scenario: Scenario, cores: Int) -> (seconds: Double, events: Int, chosen: AlertSettings) {
    guard let rules = try? AlertEngine(settings: scenario.alerts) else {
        FileHandle.standardError.write(Data("error: the scenario's alert settings are invalid\n".utf8))
        exit(65)
    }
    var events = 0
    var chosen = scenario.alerts
    let elapsed = seconds {
        chosen = keepingLogs { () throws(OutputError) in
            let runs = try TuningRun.simulate(
                scenario, seeds: Array(1...5), rules: rules, keepingLogsIn: logs, cores: cores)
            events = runs.reduce(0) { $0 + $1.log.count }
            var tuner = try Tuner(base: scenario.alerts, training: runs, objective: .f1, keepingIn: logs, cores: cores)
            return try tuner.tune().settings
        }
    }
    return (elapsed, events, chosen)
}

let small = scenario("Scenarios/default.xml")
let cores = ProcessInfo.processInfo.activeProcessorCount
let oneCore = tune(small, cores: 1)
let allCores = tune(small, cores: cores)
emit([
    "benchmark": "tune default.xml, 5 training seeds, all rules", "events": allCores.events,
    "seconds": allCores.seconds, "target_seconds": 60, "rules": allCores.chosen.rules.count, "cores": cores,
    "seconds_on_one_core": oneCore.seconds, "speedup": oneCore.seconds / allCores.seconds,
    "same_choice": oneCore.chosen == allCores.chosen,
])

let large = scenario("Scenarios/bench-large.xml", horizon: "P30Y")
var run: TuningRun!
let simulation = seconds { run = simulate(large, seed: 1) }
let index = RuleCatalogue.documentation.firstIndex { $0.id == "V01" }!
let parameter = RuleCatalogue.documentation[index].parameters[0]
let values = Tuner.grid(for: parameter)
var fast: [Metrics] = []
let curve = seconds {
    fast = keepingLogs { () throws(OutputError) in
        try Tuner.curve(rule: "V01", parameter: "delta", values: values, on: [run], keepingIn: logs)
    }
}
var slow: [Metrics] = []
let perValue = seconds {
    slow = keepingLogs { () throws(OutputError) in
        try Tuner.curve(rule: "V01", parameter: "delta", values: values, on: [run], keepingIn: logs, sorted: false)
    }
}
emit([
    "benchmark": "one curve (V01 delta, \(values.count) values) over one log", "events": run.log.count,
    "simulate_seconds": simulation, "curve_seconds": curve, "target_seconds": 10,
    "curve_seconds_replaying_each_value": perValue, "same_points": fast == slow, "peak_rss_mib": peakMebibytes(),
])
