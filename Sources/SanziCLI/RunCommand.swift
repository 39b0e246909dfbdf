import ArgumentParser
import Foundation
import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziOutput
import SanziReports
import SanziRun
import SanziScenario
import SanziTruth
import SanziWorld

struct RunCommand: ParsableCommand, UsesCores {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and write its event log (the default subcommand).",
        discussion: """
            Without a file, runs the built-in default scenario (Scenarios/default.xml: one town \
            of ten villages over three years).

            The run simulates villages, their registers, accounts and people, bidders, the \
            trading platform (decisions, listings, registrations, bids, awards, contracts, \
            rents, arrears, amendments, terminations), the ledger (receipts, disbursements \
            under approval tiers, cash and banking, compensation) and oversight (publicity, \
            reviews, audits, elections, petitions, interventions). Corrupt cadres act out the \
            misconduct the scenario enables, and honest life produces its look-alikes; both \
            are recorded as ground truth in cases.csv, never in the event log. Settings the \
            simulator does not use are reported as warnings.

            The alert rules run inline (`sanzi rules` lists them), configured by the \
            scenario's <alerts> section or by --thresholds FILE, and act on the world: alerts \
            at the scenario's forwarded severity (red by default) that the platform's check \
            confirms become leads for the discipline bodies lead-delay-days later (7), beside \
            petitions, audit and review findings. Bodies investigate with the investigators \
            the scenario gives them; proven cases bring sanctions, removals, recovered money, \
            barred firms and publication, and corrupt cadres weigh what they have seen \
            sanctioned (docs/oversight.md).

            With --counterfactual, the same scenario and seed are first run with the warning \
            system never on, into OUT/counterfactual; evaluation.json and the report then say \
            what the warning system changed (loss prevented, cases and petitions avoided, \
            month by month). One pair is one draw: average several seeds before concluding.

            Outputs in OUT (default ./out):
              events.jsonl     the observable event log, one JSON object per line;
                               fields per event type in docs/events.md. Same
                               scenario and seed: same bytes.
              alerts.csv       alert_id, rule, severity, day, date, village, subject,
                               score, threshold, evidence (event ids, spaces
                               apart), combines (an escalation's alert ids).
              alerts.jsonl     the same alerts with the values behind them.
              thresholds.xml   the alert settings used; `sanzi replay OUT` reads it.
              cases.csv        ground truth: case_id, kind, typology, village,
                               perpetrators, beneficiary, start and end day and
                               date, expected, booked, loss and recovered yuan,
                               adapted, discovered_day, events (docs/cases.md).
              evaluation.json  the alerts against the cases: per rule, per typology,
                               overall; what the oversight bodies did; with
                               --counterfactual, warning_system_effect
                               (docs/evaluation.md).
              report.json, report.md, report.html
                               the anomaly report: villages by risk, the strongest
                               signals in plain words, timeline, tables; the page
                               is self-contained with charts (docs/report.md).
              run.json         what ran: version, scenario and its digest, seed,
                               period, villages, events by type, alerts, cases,
                               loss, time taken.

            OUT is built beside itself and moved into place whole when the run is \
            done; an earlier run at OUT is replaced whole, any other folder needs \
            --force, a file is never replaced.

            Examples:
              sanzi run
              sanzi run Scenarios/guangzhou-2012-2014.xml --seed 7 --out out/gz
              sanzi run --thresholds strict.xml --out out/strict
              sanzi run Scenarios/warning-switch.xml --counterfactual --out out/switch
            """
    )

    @Argument(help: ArgumentHelp("The scenario file; the built-in default when left out.", valueName: "file"))
    var file: String?

    @Option(help: "Seed for all random streams; overrides the scenario's seed.")
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Folder for the run's outputs.", valueName: "dir"))
    var out = "out"

    @OptionGroup var replacing: ForceOption

    @OptionGroup var memory: MemoryOption

    @Option(
        help: ArgumentHelp(
            "A thresholds file (<thresholds> root) that replaces the scenario's <alerts> section.", valueName: "file"))
    var thresholds: String?

    @Flag(
        help: ArgumentHelp(
            "Also run the pair with the warning system off (same seed) into OUT/counterfactual, and report what the warning system changed."
        ))
    var counterfactual = false

    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp(
            "Cores the run uses (default: the machine's cores), one busy thread each. 1 simulates, runs the rules and writes on one thread (a log past its first 8 MiB waits for the disk on another); 2 give the alert rules a thread of their own beside the world's, the two sharing the event log's lines (unless leads follow alerts within two days: the rules then keep to the world's thread); 3 or more give the log's writer a thread too. A scenario with news windows (<geography news-window-days>) runs a world per district, the districts simulated side by side on the cores the rules leave (with two or more, each district runs its own rules kept per event, deal, village or district). The reports after the simulation use two. Outputs are the same bytes for any value.",
            valueName: "n"))
    var chosenJobs: Int?

    @Flag(
        help: ArgumentHelp(
            "Keep each district's world of a scenario with news windows in a process of its own (`sanzi shard`, this executable), which the run reaches through pipes. The outputs are the same bytes; on one machine it only costs time (docs/districts.md, 'Districts in processes of their own, and on other machines')."
        ))
    var districtProcesses = false

    @Option(
        help: ArgumentHelp(
            "Keep the districts' worlds of a scenario with news windows on the `sanzi shard --listen` servers at these addresses (HOST:PORT, comma-separated; the districts dealt out in turn). The outputs are the same bytes.",
            valueName: "list"),
        transform: { text in
            try text.split(separator: ",").map { part in
                guard let address = ShardAddress(String(part)) else {
                    throw ValidationError("'\(part)' in --district-hosts is not HOST:PORT")
                }
                return address
            }
        })
    var districtHosts: [ShardAddress]?

    @Flag(name: .shortAndLong, help: "Print nothing but errors (no progress line, no summary).")
    var quiet = false

    func validate() throws {
        try validateJobs()
        if districtProcesses, districtHosts != nil {
            throw ValidationError(
                "--district-processes and --district-hosts keep the districts in different places: give one")
        }
        if districtHosts?.isEmpty == true { throw ValidationError("--district-hosts names no address") }
    }

    func run() throws {
        let source = file ?? DefaultScenario.path
        let scenario = try ScenarioInput.load(file, quiet: quiet)
        let runSeed = seed ?? scenario.seed
        try memory.check(scenario, source: source)
        let rules = try Self.alertEngine(alertSettings(for: scenario))
        let progress =
            !quiet && Progress.isTerminal ? Progress(days: scenario.horizon.dayCount(from: scenario.start)) : nil
        let folder = RunFolder(
            scenario: scenario, source: source, seed: runSeed, rules: rules, folder: out, jobs: jobs,
            hosting: try hosting())
        let outcome: RunFolder.Outcome
        do throws(OutputError) {
            outcome = try folder.run(progress: progress, counterfactual: counterfactual, force: replacing.force)
        } catch {
            progress?.finish()
            Terminal.printToStandardError(error.description)
            throw ExitStatus.cannotCreate
        }
        progress?.finish()
        guard !quiet else { return }
        for line in ScenarioSummary(scenario, seed: runSeed).lines(generated: outcome.census) { print(line) }
        let summary = outcome.summary
        let rate = Int(summary.eventsPerSecond.rounded())
        print("simulated     \(summary.events) events in \(format(summary.wallSeconds)) s (\(rate) events/s)")
        for line in outcomeLines(summary.truth, alerts: outcome.alerts, evaluation: outcome.evaluation) {
            print(line)
        }
        if let oversight = outcome.evaluation?.oversight {
            print(
                "oversight     \(oversight.leads) leads, \(oversight.investigations) investigations "
                    + "(\(oversight.substantiated) substantiated), \(oversight.sanctions) sanctioned, "
                    + "\(Money(fen: oversight.recoveredFen)) yuan recovered")
        }
        if let effect = outcome.evaluation?.warningSystemEffect {
            print(
                "warning sys.  loss \(Money(fen: effect.on.lossFen)) yuan with, \(Money(fen: effect.off.lossFen)) without: "
                    + "\(Money(fen: effect.lossPreventedFen)) prevented; with it, "
                    + "\(Wording.fewer(effect.casesAvoided, "cases")), \(Wording.fewer(effect.petitionsAvoided, "petitions"))"
            )
        }
        for path in outcome.paths { print("wrote         \(path)") }
    }

    /// Where the districts' worlds are kept: with `--district-hosts`, on those servers; with
    /// `--district-processes`, each in a `sanzi shard` process of this executable.
    private func hosting() throws -> ShardHosting {
        if let hosts = districtHosts {
            return .channels { district in try SocketChannel(hosts[district % hosts.count]) }
        }
        guard districtProcesses else { return .threads }
        let executable: String
        do {
            executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        } catch {
            Terminal.printToStandardError("sanzi: error: cannot find this executable to start its districts: \(error)")
            throw ExitStatus.noInput
        }
        return .channels { _ in try ProcessChannel(executable: executable, arguments: ["shard"]) }
    }

    /// The alert settings: --thresholds, or the scenario's alert section.
    private func alertSettings(for scenario: Scenario) throws -> AlertSettings {
        guard let thresholds else { return scenario.alerts }
        return try ScenarioInput.loadThresholds(thresholds, quiet: quiet).deployed(in: scenario)
    }

    /// The alert engine for settings; their problems end the command with status 65.
    static func alertEngine(_ settings: AlertSettings) throws -> AlertEngine {
        do throws(ConfigurationError) {
            return try AlertEngine(settings: settings)
        } catch {
            Terminal.printDiagnostics(error.diagnostics)
            throw ExitStatus.invalidData
        }
    }

    private func format(_ seconds: Double) -> String { String(Double(Int((seconds * 100).rounded())) / 100) }
}
