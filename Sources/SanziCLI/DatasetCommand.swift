import ArgumentParser
import Foundation
import SanziDatasets
import SanziEngine
import SanziRun
import SanziScenario

extension DatasetOptions.Format: ExpressibleByArgument {}

struct DatasetCommand: ParsableCommand, UsesCores {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Write labelled training tables from replications of a scenario.",
        discussion: """
            Simulates N replications (seeds derived from the scenario's seed), J at a time, and \
            writes each as one partition of every table (or of those --tables names): \
            OUT/TABLE/replication=NNNN/part.csv \
            (or .jsonl), which DuckDB, Spark, pandas or pyarrow read as one table. The files are \
            the same whatever J is. Tables: transactions (one row per contract, features known \
            when it was signed, labels), ledger (one row per ledger entry, labels), events (the \
            raw log), actors, relations (declared ties), alerts (rule outputs), and the ground \
            truth: cases and relations_hidden. Labelled rows carry split_village (a village is \
            on one side only) and split_time columns. OUT/DATACARD.md and OUT/datacard.json \
            document every column, the seeds, row counts and class balance. See \
            docs/datasets.md; Tools/datasets/ converts to Parquet and trains a baseline.

            The dataset is built beside OUT (in .OUT.partial) and moved into place only when \
            complete, so a failed run leaves nothing half-written. An earlier dataset at OUT is \
            replaced whole; any other folder needs --force; a file is never replaced.

            A killed or failed build goes on where it stopped with --resume (the same \
            scenario, replications, format, label noise and tables): finished replications \
            are kept, the rest simulated. --only LIST simulates just those replications into \
            the unfinished dataset and stops, so that several processes or machines sharing \
            the folder can each take some (Tools/dask/ does this over a Dask cluster); a last \
            `--resume` without --only writes the data card and moves the dataset into place. \
            The files are the same however the work was split or interrupted.

            Examples:
              sanzi dataset --replications 10 --out data
              sanzi dataset Scenarios/bench-large.xml --replications 8 --out big
              sanzi dataset --replications 4 --format jsonl --jobs 2 --out lines
              sanzi dataset --replications 20 --missed-labels 0.3 --out noisy
              sanzi dataset --replications 40 --tables transactions,alerts,cases --out small
              sanzi dataset --replications 40 --out data --resume      # after a kill
              sanzi dataset --replications 8 --out data --only 0-3     # on one machine,
              sanzi dataset --replications 8 --out data --only 4-7     # on another,
              sanzi dataset --replications 8 --out data --resume       # then finish
            """
    )

    @Argument(help: ArgumentHelp("The scenario file; the built-in default when left out.", valueName: "file"))
    var file: String?

    @Option(help: "Replications to simulate (at least 1).")
    var replications = 1

    @Option(name: .long, help: ArgumentHelp("Folder for the dataset.", valueName: "dir"))
    var out = "dataset"

    @OptionGroup var replacing: ForceOption

    @OptionGroup var memory: MemoryOption

    @Option(help: "Table format: csv or jsonl.")
    var format = DatasetOptions.Format.csv

    @Option(
        name: .customLong("jobs"),
        help:
            "Cores to use (default: the machine's cores): up to this many replications are simulated at once, and cores left over go to each one's rules and tables."
    )
    var chosenJobs: Int?

    @Option(help: ArgumentHelp("Share of misconduct rows whose observed label is lost.", valueName: "share"))
    var missedLabels = 0.0

    @Option(help: ArgumentHelp("Share of honest rows observed as misconduct.", valueName: "share"))
    var falseLabels = 0.0

    @Option(
        help: ArgumentHelp(
            "Tables to write, separated by commas (default: all of \(Self.tableNames.joined(separator: ", "))).",
            valueName: "names"))
    var tables: String?

    static let tableNames = DatasetTables.all.map(\.name)

    /// The tables asked for.
    var chosenTables: Set<String> {
        tables.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
            ?? Set(Self.tableNames)
    }

    @Flag(
        help: "Go on with the unfinished dataset at OUT, keeping its finished replications (the settings must match).")
    var resume = false

    @Option(
        help: ArgumentHelp(
            "Simulate only these replications (from 0: as 0-3,7) into the unfinished dataset at OUT, and stop.",
            valueName: "list"))
    var only: NumberList?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard replications >= 1 else { throw ValidationError("--replications must be at least 1") }
        try validateJobs()
        guard (0...1).contains(missedLabels), (0...1).contains(falseLabels) else {
            throw ValidationError("--missed-labels and --false-labels are shares between 0 and 1")
        }
        if let only, let last = only.numbers.max(), last >= replications {
            throw ValidationError(
                "--only names replication \(last), but there are \(replications) (0-\(replications - 1))")
        }
        let known = "(tables: \(Self.tableNames.joined(separator: ", ")))"
        guard !chosenTables.isEmpty else { throw ValidationError("--tables names no table \(known)") }
        let unknown = chosenTables.subtracting(Self.tableNames)
        guard unknown.isEmpty else {
            throw ValidationError(
                "--tables: unknown table \(unknown.sorted().map { "'\($0)'" }.joined(separator: ", ")) \(known)")
        }
    }

    func run() throws {
        let started = Date()
        let scenario = try ScenarioInput.load(file, quiet: quiet)
        _ = try RunCommand.alertEngine(scenario.alerts)
        let numbers = only.map { $0.numbers.map(Int.init) } ?? Array(0..<replications)
        try memory.check(
            scenario, runs: RunPipeline.sharing(jobs, among: numbers.count).atOnce, source: file ?? "default")
        let staged = try replacing.stage(out, for: "dataset", resumable: resume || only != nil)
        let stagingPath = staged.path
        let options = DatasetOptions(
            replications: replications, format: format, jobs: jobs, missedLabels: missedLabels,
            falseLabels: falseLabels, tables: chosenTables)
        let provenance = DatasetBuilder.Provenance(generator: "sanzi \(Sanzi.version)", scenarioDigest: scenario.digest)
        let showsProgress = !quiet && Progress.isTerminal
        let card: DataCard
        do {
            let clock = WallClock.seconds()
            if showsProgress { Progress.draw("dataset       starting \(numbers.count) replications") }
            try DatasetBuilder.simulate(
                numbers, of: scenario, options: options, provenance: provenance, into: staged.path,
                progress: { done, total in
                    guard showsProgress else { return }
                    let elapsed = WallClock.seconds() - clock
                    let left = Int((elapsed / Double(done) * Double(total - done)).rounded())
                    Progress.draw(
                        "dataset       \(done) of \(total) replications, \(Int(elapsed)) s, about \(left) s left")
                })
            if showsProgress { Progress.draw("") }
            if only != nil {
                if !quiet {
                    print(
                        "dataset       replications \(only?.defaultValueDescription ?? "") of \(replications) finished "
                            + "in \(stagingPath); the same command with --resume and without --only completes \(out)")
                }
                return
            }
            card = try DatasetBuilder.finish(scenario, options: options, provenance: provenance, in: staged.path)
            try staged.commit()
        } catch {
            let message = "\(error)".replacingOccurrences(of: stagingPath, with: out)
            Terminal.printToStandardError("\(out): error: cannot write the dataset: \(message)")
            throw ExitStatus.cannotCreate
        }
        guard !quiet else { return }
        for warning in card.villageSplit.warnings { Terminal.printToStandardError("warning: \(warning)") }
        let seconds = Date().timeIntervalSince(started)
        let transactions = card.tables.first { $0.name == "transactions" }?.rows ?? 0
        print(
            "dataset       \(replications) replications in \(String(format: "%.1f", seconds)) s "
                + "(\(Int(Double(transactions) / max(seconds, 1e-9))) transaction rows/s)")
        for table in card.tables {
            print("\(table.name.padding(toLength: 17, withPad: " ", startingAt: 0))\(table.rows) rows")
        }
        print("cases         \(card.cases) misconduct, \(card.lookAlikes) look-alikes")
        let villages = card.villageSplit.villages
        print(
            "villages      " + ["train", "valid", "test"].map { "\($0) \(villages[$0] ?? 0)" }.joined(separator: ", "))
        print("wrote         \(out)/DATACARD.md, \(out)/datacard.json and \(card.tables.count) tables")
    }
}
