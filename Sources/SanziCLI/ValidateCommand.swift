import ArgumentParser
import SanziAlerts
import SanziScenario
import SanziWorld

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario and thresholds files without running them.",
        discussion: """
            Each file is parsed safely (no DTD, no entities, no network), validated against the \
            built-in XSD, then checked for what a schema cannot see: unknown profile, district, \
            pool or ring ids, duplicate ids, ranges whose minimum exceeds their maximum, \
            impossible dates, approval tiers that do not rise. Every problem is printed at once, \
            one per line on standard error:

              FILE:LINE:COL: error: message (hint: …)

            Warnings (for example a section the simulator does not use yet) do not fail a file.

            Examples:
              sanzi validate Scenarios/*.xml
              sanzi validate --quiet my-town.xml && echo valid

            Exit status: 0 when every file is valid; 65 when any is invalid; 66 when any is \
            missing or unreadable (66 wins over 65).
            """
    )

    @Argument(help: ArgumentHelp("Scenario or thresholds files to check.", valueName: "file"))
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print only problems, not a line per valid file.")
    var quiet = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name at least one file to validate.") }
    }

    func run() throws {
        var status: ExitCode = .success
        for file in files {
            do throws(ScenarioError) {
                let loaded = try ScenarioLoader.loadDocument(contentsOf: file)
                var warnings = loaded.warnings
                var problems: [Diagnostic] = []
                var summary = "thresholds file"
                switch loaded.value {
                case .scenario(let scenario):
                    problems = RuleCatalogue.problems(in: scenario)
                    warnings += SimulatorCoverage.warnings(for: scenario)
                    summary =
                        "scenario \"\(scenario.name)\", \(scenario.geography.villages.count) villages, "
                        + "\(ResourceEstimate(scenario)) a run"
                case .thresholds(let settings):
                    if case .failure(let error) = RuleCatalogue.configure(settings) { problems = error.diagnostics }
                case .calibration(let targets):
                    summary =
                        "calibration targets file, \(targets.parameters.count) parameters and "
                        + "\(targets.targets.count) targets"
                }
                Terminal.printDiagnostics(problems + warnings)
                guard problems.isEmpty else {
                    if status == .success { status = ExitStatus.invalidData }
                    continue
                }
                if !quiet { print("\(file): valid \(summary)") }
            } catch {
                Terminal.printError(error)
                let code = error.exitStatus
                if status == .success || code == ExitStatus.noInput { status = code }
            }
        }
        if status != .success { throw status }
    }
}
