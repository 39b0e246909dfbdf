import ArgumentParser
import Foundation
import SanziOutput
import SanziRun

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Put two sets of runs side by side: petitions, cases, loss, sanctions, alerts, leads.",
        discussion: """
            Reads folders written by `sanzi run` (events.jsonl, alerts.csv, cases.csv and \
            report.json) and compares them by district and by month: each measure's mean on \
            side A and side B, the difference B − A, and its standard error when a side lists \
            several runs (seeds) separated by commas; the same number of runs a side are \
            paired in order. The loss is that of the misconduct cases begun in each month, so \
            "prevented" is A's loss less B's. The runs must be of one scenario.

            Writes OUT/compare.json, OUT/compare.md and OUT/compare.html (default compare/).

            Examples (the first run writes run/counterfactual: the same seed without the \
            warning system):
              sanzi run --out run --counterfactual
              sanzi compare run/counterfactual run
              sanzi compare a1,a2,a3 b1,b2,b3 --out cmp
            """)

    @Argument(help: ArgumentHelp("Side A: one run folder, or several separated by commas.", valueName: "runs-a"))
    var a: String

    @Argument(help: ArgumentHelp("Side B: one run folder, or several separated by commas.", valueName: "runs-b"))
    var b: String

    @Option(help: ArgumentHelp("Folder for the outputs.", valueName: "dir"))
    var out = "compare"

    @OptionGroup var replacing: ForceOption

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let comparison: RunComparison
        do throws(RunTally.ReadError) {
            let read = { (list: String) throws(RunTally.ReadError) -> [RunTally] in
                var tallies: [RunTally] = []
                for folder in list.split(separator: ",") { tallies.append(try RunTally.read(folder: String(folder))) }
                return tallies
            }
            comparison = try RunComparison(a: try read(a), b: try read(b))
        } catch {
            Terminal.printToStandardError(error.description)
            throw error.path == "compare" ? ExitStatus.usage : ExitStatus.invalidData
        }
        let staged = try replacing.stage(out, for: "compare")
        let paths = try staged.complete { path throws(OutputError) in try ComparisonFiles.write(comparison, to: path) }
        guard !quiet else { return }
        for line in ComparisonFiles.summary(comparison) { print(line) }
        for path in paths { print("wrote         \(path)") }
    }
}
