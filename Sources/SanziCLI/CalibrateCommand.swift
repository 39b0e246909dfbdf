import ArgumentParser
import Foundation
import SanziAlerts
import SanziOutput
import SanziRun
import SanziScenario
import SanziTuning

struct CalibrateCommand: ParsableCommand, UsesCores {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit scenario settings to observed statistics: search the settings a targets file names.",
        discussion: """
            The targets file (a <calibration> root of Sanzi's vocabulary; `sanzi schema` shows \
            it) names the number attributes of the scenario the search may change, each with a \
            range, and the statistics observed in the world, each with a tolerance: petitions in \
            a period (petitions), their change in percent between two periods \
            (petition-change), people sanctioned in a period by rank (sanctioned), the share of \
            them with some charges among those with others (charge-share), the share of \
            investigations that sanctioned a group (group-share), in one district or \
            everywhere, agriculture-related petitions only if asked; and a survey's shares \
            aware and approving (survey-aware, survey-approving).

            Every setting tried is simulated on every seed with the scenario's own alert \
            settings deployed (the closed loop runs). The distance of a setting is the sum over \
            targets of ((mean over the seeds − observed) / tolerance)²; the search is coordinate \
            descent on a grid that shrinks each round. Held-out --check-seeds, which play no part \
            in the search, show whether the fit holds on other worlds.

            Writes into OUT: calibrated.xml (the scenario with the calibrated values, every \
            comment kept), calibration.json, calibration.md and calibration.html (parameters, \
            targets observed and simulated with their spread, the search). See \
            docs/calibration.md, "Calibrating a scenario".

            Examples:
              sanzi calibrate Scenarios/guangzhou-2012-2014.xml --targets Scenarios/guangzhou-targets.xml
              sanzi calibrate my.xml --targets t.xml --seeds 1-3 --check-seeds 4-8 --rounds 3 --points 7
            """
    )

    @Argument(help: ArgumentHelp("The scenario file to calibrate.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The calibration targets file.", valueName: "file"))
    var targets: String

    @Option(help: ArgumentHelp("Seeds every setting is simulated on.", valueName: "seeds"))
    var seeds = NumberList(argument: "1-5")!

    @Option(
        help: ArgumentHelp("Held-out seeds to check the calibrated setting on (none by default).", valueName: "seeds"))
    var checkSeeds: NumberList?

    @Option(help: ArgumentHelp("Rounds of the search (1-20).", valueName: "n"))
    var rounds = 2

    @Option(help: ArgumentHelp("Values tried per parameter and round (2-50).", valueName: "n"))
    var points = 5

    @Option(name: .long, help: ArgumentHelp("Folder for the outputs.", valueName: "dir"))
    var out = "calibration"

    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp(
            "Cores to use (default: the machine's cores): up to this many seeds of a setting are simulated at once, and cores left over go to each one's rules. The outputs are the same bytes for any value.",
            valueName: "n"))
    var chosenJobs: Int?

    @OptionGroup var replacing: ForceOption

    @OptionGroup var memory: MemoryOption

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        try validateJobs()
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds takes 1 to 20, not \(rounds)") }
        guard (2...50).contains(points) else { throw ValidationError("--points takes 2 to 50, not \(points)") }
        let shared = Set(seeds.numbers).intersection(checkSeeds?.numbers ?? [])
        guard shared.isEmpty else {
            throw ValidationError(
                "check seeds must be held out: \(shared.sorted().map(String.init).joined(separator: ", ")) also calibrate"
            )
        }
    }

    func run() throws {
        let started = Date()
        let scenario = try ScenarioInput.load(file, quiet: quiet)
        let showsProgress = !quiet && Progress.isTerminal
        let say: (String) -> Void = { line in if showsProgress { Terminal.printToStandardError(line) } }
        var calibrator: Calibrator
        do throws(ScenarioError) {
            let goals = try ScenarioLoader.loadCalibration(contentsOf: targets)
            if !quiet { Terminal.printDiagnostics(goals.warnings) }
            calibrator = try Calibrator(
                scenario: ScenarioLoader.readFile(file), path: file, targets: goals.value, seeds: seeds.numbers)
        } catch {
            Terminal.printError(error)
            throw error.exitStatus
        }
        calibrator.cores = jobs
        let most = max(seeds.numbers.count, checkSeeds?.numbers.count ?? 0)
        try memory.check(scenario, runs: RunPipeline.sharing(jobs, among: most).atOnce, source: file)
        let staged = try replacing.stage(out, for: "calibrate")
        let outcome = calibrator.calibrate(rounds: rounds, points: points, progress: say)
        let check = checkSeeds.map { list in
            say("checking      seeds \(list.numbers.map(String.init).joined(separator: ","))")
            return calibrator.fit(outcome.calibrated, on: list.numbers)
        }
        let summary = CalibrationSummary(
            scenario: scenario.name, calibrator: calibrator, outcome: outcome, rounds: rounds, points: points,
            checkSeeds: checkSeeds?.numbers ?? [], check: check)
        let paths = try staged.complete { path throws(OutputError) in
            try CalibrationFiles.write(summary, scenario: outcome.scenario, to: path)
        }
        guard !quiet else { return }
        print(
            "calibrated    \(summary.parameters.count) parameters on seeds \(seeds.numbers.map(String.init).joined(separator: ",")) "
                + "in \(String(format: "%.1f", Date().timeIntervalSince(started))) s (\(summary.simulations) simulations)"
        )
        for parameter in summary.parameters {
            print(
                "parameter     \(parameter.name) \(AlertSettings.decimal(parameter.start)) → "
                    + AlertSettings.decimal(parameter.calibrated))
        }
        let met = summary.targets.filter(\.within).count
        let distance = { (value: Double?) in value.map(AlertSettings.decimal) ?? "–" }
        print(
            "targets       \(met) of \(summary.targets.count) within tolerance; distance "
                + "\(distance(summary.startDistance)) → \(distance(summary.calibratedDistance))")
        for path in paths { print("wrote         \(path)") }
    }
}
