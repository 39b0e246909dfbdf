import ArgumentParser
import Foundation
import Logging
import SanziScenario
import SanziWorld

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Load a scenario and run it (the default subcommand).",
        discussion: """
            Without a file, runs the built-in default scenario (Scenarios/default.xml: one town \
            of ten villages over three years).

            This version loads, checks and summarises the scenario — districts, villages, the \
            ranges of households, cadres, register items and bidders its profiles will draw — \
            and writes OUT/run.json. The simulation itself lands with the world engine; sections \
            it does not simulate yet are reported as warnings.

            OUT/run.json holds: sanzi_version, scenario (name), source (file), seed, start, end, \
            days, simulated (false until the world lands), and summary (the counts printed).

            Examples:
              sanzi run
              sanzi run Scenarios/guangzhou-2012-2014.xml --seed 7 --out out/gz
            """
    )

    @Argument(help: ArgumentHelp("The scenario file; the built-in default when left out.", valueName: "file"))
    var file: String?

    @Option(help: "Seed for all random streams; overrides the scenario's seed.")
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Folder for the run's outputs.", valueName: "dir"))
    var out = "out"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let logger = Logger(label: "sanzi.run")
        let source = file ?? DefaultScenario.path
        let loaded: Loaded<Scenario>
        do throws(ScenarioError) {
            if let file {
                loaded = try ScenarioLoader.loadScenario(contentsOf: file)
            } else {
                loaded = try ScenarioLoader.loadScenario(bytes: DefaultScenario.bytes, path: DefaultScenario.path)
            }
        } catch {
            Terminal.printError(error)
            throw error.exitStatus
        }
        let scenario = loaded.value
        if !quiet { Terminal.printDiagnostics(loaded.warnings + SimulatorCoverage.warnings(for: scenario)) }
        let summary = ScenarioSummary(scenario, seed: seed ?? scenario.seed)
        logger.debug("loaded \(source)")
        let written = try writeRunRecord(summary, source: source)
        if !quiet {
            for line in summary.lines { print(line) }
            print("wrote         \(written)")
        }
    }

    /// Writes OUT/run.json and returns its path.
    private func writeRunRecord(_ summary: ScenarioSummary, source: String) throws -> String {
        struct RunRecord: Encodable {
            var sanziVersion: String
            var scenario: String
            var source: String
            var seed: UInt64
            var start: String
            var end: String
            var days: Int
            var simulated: Bool
            var summary: ScenarioSummary
        }
        let record = RunRecord(
            sanziVersion: SanziCommand.version, scenario: summary.name, source: source, seed: summary.seed,
            start: summary.start, end: summary.end, days: summary.days, simulated: false, summary: summary)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = URL(fileURLWithPath: out).appendingPathComponent("run.json").path
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try (encoder.encode(record) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
        } catch {
            Terminal.printToStandardError("\(path): error: cannot write the run record: \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
        return path
    }
}
