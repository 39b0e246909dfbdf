import ArgumentParser
import Foundation
import SanziRun
import SanziScenario

/// The `sanzi` command: subcommands over Sanzi's libraries.
public struct SanziCommand: ParsableCommand {
    public static let version = Sanzi.version

    public static let configuration = CommandConfiguration(
        commandName: "sanzi",
        abstract:
            "Simulate village collective \"three capitals\" on a trading platform under an integrity early-warning system.",
        discussion: """
            Sanzi reads a scenario file (XML, see `sanzi schema`), simulates villages, cadres, \
            bidders, contracts and money flows with injected misconduct, and runs graded alert \
            rules over what the platform could observe.

            With no subcommand, `sanzi` runs the built-in default scenario (the same as \
            Scenarios/default.xml).

            Examples:
              sanzi                                   run the default scenario
              sanzi validate Scenarios/*.xml          check scenario files
              sanzi run Scenarios/guangzhou-2012-2014.xml --seed 7 --out out/gz
              sanzi schema > sanzi-scenario-1.xsd     save the vocabulary for an editor
              sanzi events                            the event log's fields
              sanzi rules                             the alert rule catalogue
              sanzi replay out                        the rules again over a saved run
              sanzi tune --objective fbeta:2          choose thresholds against known truth
              sanzi dataset --replications 10 --out data   labelled training tables
              sanzi compare before after              two runs side by side

            Exit status: 0 success; 64 bad usage; 65 invalid file; 66 missing or unreadable \
            file; 73 output not writable.
            """,
        version: version,
        subcommands: [
            RunCommand.self, ValidateCommand.self, SchemaCommand.self, EventsCommand.self, RulesCommand.self,
            ReplayCommand.self, TuneCommand.self, CalibrateCommand.self, DatasetCommand.self, CompareCommand.self,
            ShardCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    public init() {}

    /// Runs the command line, first catching a mistyped subcommand: `sanzi vaildate f.xml`
    /// would otherwise be read as `sanzi run vaildate f.xml`.
    public static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if let first = arguments.first, let suggestion = mistypedSubcommand(first) {
            Terminal.printToStandardError(
                "error: unknown command '\(first)' (hint: did you mean 'sanzi \(suggestion)'? `sanzi --help` lists them)"
            )
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        main(nil)
    }

    /// The subcommand `word` is a typo of, when it is not an option, a path or an existing
    /// file (those go to `run`).
    static func mistypedSubcommand(_ word: String) -> String? {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !word.hasPrefix("-"), !word.contains("/"), !word.contains("."), !names.contains(word),
            !FileManager.default.fileExists(atPath: word)
        else { return nil }
        return Spelling.closest(to: word, among: names)
    }
}
