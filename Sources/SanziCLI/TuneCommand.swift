import ArgumentParser
import Foundation
import SanziAlerts
import SanziEvaluation
import SanziOutput
import SanziRun
import SanziScenario
import SanziTuning

struct TuneCommand: ParsableCommand, UsesCores {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Choose alert thresholds against known truth: simulate once per seed, tune by replay.",
        discussion: """
            Simulates the scenario once for each training and test seed and keeps the logs \
            on disk, in the output folder while it is staged (80 bytes an event a seed). On \
            the training seeds, every rule's parameters are swept over their declared ranges \
            (the rule alone: curves.csv), then a coordinate ascent chooses one setting for all \
            rules together under the objective, escalation included. The chosen and the starting \
            settings are then scored on the held-out test seeds, which never influence the \
            choice. The seeds are simulated with the starting settings deployed, as `sanzi \
            run` does; objectives on the alerts score every candidate by replaying rules over \
            the kept logs, nothing simulated twice.

            prevented-loss scores what settings do to the world instead: each candidate is \
            deployed and the closed loop simulated (alerts become leads for the scenario's \
            investigators, who sanction, recover and deter), against the same seeds with the \
            warning system off. Settings that drown the investigators in false leads prevent \
            less. The search moves one grid step at a time; a candidate that would forward the \
            same warnings as the current settings makes the same world and is scored by replay.

            Objectives:
              f1                       F1 of all alerts against all cases
              fbeta:B                  F-beta (B > 1 favours recall), e.g. fbeta:2
              recall-at-precision:P    the most recall with precision at least P
              loss-at-budget:N         the most loss caught with at most N alerts a month \
                                       across the scenario (investigators' capacity)
              prevented-loss           the most loss, net of recoveries, the warning system \
                                       prevents with the scenario's investigators (simulates)

            Writes into OUT: thresholds.xml (the chosen settings; `sanzi run --thresholds` \
            accepts it as is), curves.csv (rule, parameter, value, alerts, precision, recall, \
            alerts_per_month, loss_caught_yuan, start, chosen), tuning.json, tuning.md and \
            tuning.html (precision-recall curves, start against tuned on training and test \
            seeds). See docs/tuning.md.

            Examples:
              sanzi tune
              sanzi tune Scenarios/default.xml --train-seeds 1-5 --test-seeds 6-8 --objective fbeta:2
              sanzi tune --objective loss-at-budget:40 --out out/tuned
              sanzi tune Scenarios/warning-switch.xml --objective prevented-loss --train-seeds 1-3 --test-seeds 4-5
            """
    )

    @Argument(help: ArgumentHelp("The scenario file; the built-in default when left out.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Seeds to tune on.", valueName: "seeds"))
    var trainSeeds = NumberList(argument: "1-5")!

    @Option(help: ArgumentHelp("Held-out seeds to check the choice on.", valueName: "seeds"))
    var testSeeds = NumberList(argument: "6-8")!

    @Option(
        help: ArgumentHelp(
            "What to maximise: f1, fbeta:B, recall-at-precision:P, loss-at-budget:N, prevented-loss.",
            valueName: "objective"))
    var objective = "f1"

    @Option(
        help: ArgumentHelp(
            "Share of a loss-at-budget budget kept free on the training seeds, so that the choice fits held-out ones.",
            valueName: "share"))
    var budgetMargin = 0.1

    @Option(
        help: ArgumentHelp(
            "Warn when a measure the objective does not weigh falls on the test seeds by more than this share.",
            valueName: "share"))
    var warnDrop = 0.2

    @Option(help: ArgumentHelp("Starting thresholds instead of the scenario's <alerts>.", valueName: "file"))
    var thresholds: String?

    @Option(name: .long, help: ArgumentHelp("Folder for the outputs.", valueName: "dir"))
    var out = "tuning"

    @Option(
        name: .customLong("keep"),
        help: ArgumentHelp("Rules the search may not switch off, separated by commas.", valueName: "ids"))
    var keep: String?

    /// The rule ids `--keep` names.
    var keptRules: Set<String> {
        Set((keep ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
    }

    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp(
            "Cores to use (default: the machine's cores): up to this many seeds are simulated at once (cores left over go to each one's rules), and the rules are replayed and scored over that many seeds' logs at once. The outputs are the same bytes for any value.",
            valueName: "n"))
    var chosenJobs: Int?

    @OptionGroup var replacing: ForceOption

    @OptionGroup var memory: MemoryOption

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        try validateJobs()
        let known = RuleCatalogue.documentation.map(\.id)
        for id in keptRules.sorted() where !known.contains(id) {
            let hint = Spelling.closest(to: id, among: known).map { " (did you mean \($0)?)" } ?? ""
            throw ValidationError("--keep: unknown rule \(id)\(hint); `sanzi rules` lists them")
        }
        for (name, share) in [("--budget-margin", budgetMargin), ("--warn-drop", warnDrop)]
        where !(0..<1).contains(share) {
            throw ValidationError("\(name) takes a share from 0 up to (not including) 1, not \(share)")
        }
        guard Objective(parsing: objective) != nil else {
            throw ValidationError(
                "unknown objective \"\(objective)\"; use f1, fbeta:B (B > 0), recall-at-precision:P (0…1), loss-at-budget:N (N > 0) or prevented-loss"
            )
        }
        let shared = Set(trainSeeds.numbers).intersection(testSeeds.numbers)
        guard shared.isEmpty else {
            throw ValidationError(
                "test seeds must be held out: \(shared.sorted().map(String.init).joined(separator: ", ")) also train")
        }
    }

    func run() throws {
        let started = Date()
        let scenario = try ScenarioInput.load(file, quiet: quiet)
        let base =
            try thresholds.map { try ScenarioInput.loadThresholds($0, quiet: quiet).deployed(in: scenario) }
            ?? scenario.alerts
        let rules = try RunCommand.alertEngine(base)
        let all = trainSeeds.numbers + testSeeds.numbers
        let atOnce = RunPipeline.sharing(jobs, among: all.count).atOnce
        // The seeds' logs wait on disk: what memory holds is the runs simulated at once.
        try memory.check(scenario, runs: atOnce, source: file ?? "default")
        let staged = try replacing.stage(out, for: "tune")
        let goal = Objective(parsing: objective) ?? .f1
        let showsProgress = !quiet && Progress.isTerminal
        let say: (String) -> Void = { line in if showsProgress { Terminal.printToStandardError(line) } }
        say("simulating    \(all.count) seeds, \(atOnce) at once")
        let searched = goal.searched(margin: budgetMargin)
        // The seeds' logs are kept in the staged folder (`TuningLog`); an error there ends
        // the command with 73, as a write of its files would.
        let outcome: Tuner.Outcome
        let tested: [Metrics]
        do throws(OutputError) {
            let runs = try TuningRun.simulate(
                scenario, seeds: all, rules: rules, keepingLogsIn: staged.path, cores: jobs)
            let training = Array(runs.prefix(trainSeeds.numbers.count))
            let test = Array(runs.dropFirst(trainSeeds.numbers.count))
            if searched != goal {
                say("budget        \(searched) on the training seeds (a \(percent(budgetMargin)) margin)")
            }
            var tuner = try Tuner(
                base: base, training: training, objective: searched, scenario: scenario, keepingIn: staged.path,
                cores: jobs)
            tuner.kept = keptRules
            outcome = try tuner.tune(progress: say)
            say("testing       seeds \(testSeeds.numbers.map(String.init).joined(separator: ","))")
            tested =
                goal.simulates
                ? try Tuner.deploy(
                    [base, outcome.settings], on: test, simulatedWith: base, in: scenario, keepingIn: staged.path,
                    cores: jobs)
                : [
                    try Tuner.evaluate(base, on: test, cores: jobs),
                    try Tuner.evaluate(outcome.settings, on: test, cores: jobs),
                ]
        } catch {
            Terminal.printToStandardError(staged.finalError(error).description)
            throw ExitStatus.cannotCreate
        }
        let summary = TuningSummary(
            scenario: scenario.name, objective: goal, searched: searched, trainSeeds: trainSeeds.numbers,
            testSeeds: testSeeds.numbers, outcome: outcome, start: base, test: (tested[0], tested[1]),
            warnDrop: warnDrop)
        let paths = try staged.complete { path throws(OutputError) in
            try TuningFiles.write(summary, outcome: outcome, to: path)
        }
        guard !quiet else { return }
        for warning in summary.warnings { Terminal.printToStandardError("warning: \(warning)") }
        let seconds = Date().timeIntervalSince(started)
        print(
            "tuned         \(goal) on seeds \(trainSeeds.numbers.map(String.init).joined(separator: ",")) in \(String(format: "%.1f", seconds)) s"
        )
        print("changes       \(summary.changes.count)")
        if goal.simulates {
            print(
                "deployed      \(outcome.simulations) candidates simulated, \(outcome.simulationsAvoided) scored by replay"
            )
        }
        for (label, comparison) in [("training", summary.training), ("test", summary.test)] {
            print(
                "\(label.padding(toLength: 14, withPad: " ", startingAt: 0))objective \(format(comparison.startObjective)) → \(format(comparison.chosenObjective)); "
                    + "alerts/month \(Evaluation.rounded(comparison.start.alertsPerMonth)) → \(Evaluation.rounded(comparison.chosen.alertsPerMonth)); "
                    + "recall \(percent(comparison.start.recall)) → \(percent(comparison.chosen.recall)); "
                    + "loss caught \(Money(fen: comparison.start.lossDetectedFen)) → \(Money(fen: comparison.chosen.lossDetectedFen)) yuan"
            )
        }
        for path in paths { print("wrote         \(path)") }
    }

    private func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    private func format(_ value: Double?) -> String { value.map { String(Evaluation.rounded($0)) } ?? "infeasible" }
}
