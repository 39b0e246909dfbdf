import ArgumentParser
import Foundation
import Logging
import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziReports
import SanziScenario
import SanziTruth
import SanziWorld

struct RunCommand: ParsableCommand {
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
            scenario's <alerts> section or by --thresholds FILE.

            Outputs in OUT (default ./out):
              events.jsonl   the observable event log, one JSON object per line; fields per \
                             event type in docs/events.md. Same scenario and seed: same bytes.
              alerts.csv     alert_id, rule, severity, day, date, village, subject, score, \
                             threshold, evidence (event ids separated by spaces).
              alerts.jsonl   the same alerts with the values behind them (and fences).
              thresholds.xml the alert settings used; `sanzi replay OUT` reads it.
              cases.csv      ground truth: case_id, kind (misconduct or look-alike), \
                             typology, village, perpetrators, beneficiary, start_day, \
                             start_date, end_day, end_date, expected_yuan, booked_yuan, \
                             loss_yuan, adapted, discovered_day, events; see docs/cases.md.
              evaluation.json the alerts against the cases: per rule, per typology, overall \
                             precision, recall, F1, workload, coverage (docs/evaluation.md).
              report.json, report.md, report.html
                             the anomaly report: villages by risk, the strongest signals in \
                             plain words, timeline, tables; the page is self-contained with \
                             charts (docs/report.md).
              run.json       sanzi_version, scenario, scenario_digest, source, seed, start, \
                             end, days, villages, events, engine_events, counts (by event \
                             type), alerts, cases, look_alikes, loss_yuan, wall_seconds, \
                             events_per_second, simulated, summary.

            Examples:
              sanzi run
              sanzi run Scenarios/guangzhou-2012-2014.xml --seed 7 --out out/gz
              sanzi run --thresholds strict.xml --out out/strict
            """
    )

    @Argument(help: ArgumentHelp("The scenario file; the built-in default when left out.", valueName: "file"))
    var file: String?

    @Option(help: "Seed for all random streams; overrides the scenario's seed.")
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Folder for the run's outputs.", valueName: "dir"))
    var out = "out"

    @Option(
        help: ArgumentHelp(
            "A thresholds file (<thresholds> root) that replaces the scenario's <alerts> section.", valueName: "file"))
    var thresholds: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors (no progress line, no summary).")
    var quiet = false

    func run() throws {
        let logger = Logger(label: "sanzi.run")
        let source = file ?? DefaultScenario.path
        let scenario = try ScenarioInput.load(file, quiet: quiet)
        let runSeed = seed ?? scenario.seed
        let summary = ScenarioSummary(scenario, seed: runSeed)
        logger.debug("loaded \(source)")
        let settings = try alertSettings(for: scenario)
        let engine = try Self.alertEngine(settings)
        let knowledge = OffenderKnowledge(thresholds: RuleCatalogue.deployedParameters(settings))
        var (result, written, alerts, context) = try simulate(
            scenario, seed: runSeed, source: source, summary: summary, engine: engine, knowledge: knowledge)
        var evaluation: Evaluation?
        if scenario.output.report, scenario.output.alerts {
            let facts = RunFacts(scenario: scenario, seed: runSeed, events: result.events)
            let (scored, paths) = try writeReports(facts: facts, alerts: alerts, truth: result.truth, context: context)
            evaluation = scored
            written.insert(contentsOf: paths, at: written.count - 1)
        }
        if scenario.output.alerts {
            let path = URL(fileURLWithPath: out).appendingPathComponent("thresholds.xml").path
            do {
                try settings.thresholdsDocument.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Terminal.printToStandardError(
                    "\(path): error: cannot write the thresholds used: \(error.localizedDescription)")
                throw ExitStatus.cannotCreate
            }
            written.insert(path, at: written.count - 1)
        }
        if !quiet {
            for line in summary.lines { print(line) }
            let rate = Int(result.eventsPerSecond.rounded())
            print("simulated     \(result.events) events in \(format(result.wallSeconds)) s (\(rate) events/s)")
            for line in outcomeLines(result.truth, alerts: alerts, evaluation: evaluation) { print(line) }
            for path in written { print("wrote         \(path)") }
        }
    }

    /// The alert settings: --thresholds, or the scenario's alert section.
    private func alertSettings(for scenario: Scenario) throws -> AlertSettings {
        guard let thresholds else { return scenario.alerts }
        var settings = try ScenarioInput.loadThresholds(thresholds, quiet: quiet)
        settings.warningSystem = scenario.alerts.warningSystem
        return settings
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

    /// Runs the world, streaming events.jsonl and the inline alerts, then writes run.json;
    /// returns the paths written.
    private func simulate(
        _ scenario: Scenario, seed: UInt64, source: String, summary: ScenarioSummary, engine: AlertEngine,
        knowledge: OffenderKnowledge
    ) throws -> (WorldRun.Summary, [String], [Alert], DealContext) {
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            Terminal.printToStandardError(
                "\(out): error: cannot create the output folder: \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
        let eventsPath = folder.appendingPathComponent("events.jsonl").path
        var result: WorldRun.Summary
        var written: [String] = []
        var alerts = 0
        var collected: ([Alert], DealContext) = ([], DealContext())
        do throws(EventLogWriter.WriteError) {
            let start = scenario.start
            let villageIDs = scenario.geography.villages.map(\.id)
            let dateOfDay = { (day: Int32) in start.adding(days: Int(day)).description }
            let writer = try EventLogWriter(
                path: scenario.output.events ? eventsPath : "/dev/null", villageIDs: villageIDs, dateOfDay: dateOfDay)
            let context = DealContext()
            var alertSink: AlertSink?
            if scenario.output.alerts {
                alertSink = AlertSink(
                    engine: engine, writer: try AlertWriter(folder: out, villageIDs: villageIDs, dateOfDay: dateOfDay))
            }
            // The log writer and the rules each take the events on a thread of their own while
            // the world runs; the progress line stays with the world.
            // The deal context only serves the report's plain words.
            let reports = scenario.output.report && scenario.output.alerts
            let consumers: [any EventSink] = (reports ? [context] : []) + (alertSink.map { [$0] } ?? [])
            let pipelines = [PipelineSink(writer)] + (consumers.isEmpty ? [] : [PipelineSink(TeeSink(consumers))])
            let progress =
                !quiet && Progress.isTerminal ? Progress(days: scenario.horizon.dayCount(from: scenario.start)) : nil
            let started = Date()
            result =
                WorldRun.run(
                    scenario, seed: seed, knowledge: knowledge, sink: TeeSink((progress.map { [$0] } ?? []) + pipelines)
                ).0
            for pipeline in pipelines { pipeline.finish() }
            result.wallSeconds = Date().timeIntervalSince(started)
            progress?.finish()
            collected = (alertSink?.alerts ?? [], context)
            try writer.flush()
            if let failure = writer.failure { throw failure }
            if scenario.output.events { written.append(eventsPath) }
            if let alertSink {
                alertSink.writer.flush()
                alerts = alertSink.writer.count
                written += [
                    folder.appendingPathComponent("alerts.csv").path,
                    folder.appendingPathComponent("alerts.jsonl").path,
                ]
            }
        } catch {
            Terminal.printToStandardError(error.description)
            throw ExitStatus.cannotCreate
        }
        written.append(try writeCases(result.truth, scenario: scenario))
        written.append(
            try writeRunRecord(
                scenario: scenario, result: result, alerts: alerts, seed: seed, source: source, summary: summary))
        return (result, written, collected.0, collected.1)
    }

    /// Writes OUT/cases.csv, the ground truth, and returns its path.
    private func writeCases(_ truth: GroundTruth, scenario: Scenario) throws -> String {
        let start = scenario.start
        let text = CaseTable.text(
            truth, villageIDs: scenario.geography.villages.map(\.id),
            dateOfDay: { start.adding(days: Int($0)).description })
        let path = URL(fileURLWithPath: out).appendingPathComponent("cases.csv").path
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            Terminal.printToStandardError("\(path): error: cannot write the cases: \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
        return path
    }

    /// Writes OUT/run.json and returns its path.
    private func writeRunRecord(
        scenario: Scenario, result: WorldRun.Summary, alerts: Int, seed: UInt64, source: String,
        summary: ScenarioSummary
    ) throws -> String {
        struct RunRecord: Encodable {
            var sanziVersion: String
            var scenario: String
            var scenarioDigest: String
            var source: String
            var seed: UInt64
            var start: String
            var end: String
            var days: Int
            var villages: Int
            var events: UInt64
            var engineEvents: Int
            var counts: [String: Int]
            var alerts: Int
            var cases: Int
            var lookAlikes: Int
            var lossYuan: String
            var wallSeconds: Double
            var eventsPerSecond: Double
            var simulated: Bool
            var summary: ScenarioSummary
        }
        let counts = Dictionary(
            uniqueKeysWithValues: EventType.allCases.map { ($0.name, result.counts[Int($0.rawValue)]) })
        let record = RunRecord(
            sanziVersion: SanziCommand.version, scenario: scenario.name, scenarioDigest: scenario.digest,
            source: source,
            seed: seed, start: summary.start, end: summary.end, days: summary.days, villages: summary.villages,
            events: result.events, engineEvents: result.engineEvents, counts: counts, alerts: alerts,
            cases: result.truth.misconduct.count, lookAlikes: result.truth.cases.count - result.truth.misconduct.count,
            lossYuan: Money(fen: result.truth.misconduct.reduce(0) { $0 + $1.loss }).description,
            wallSeconds: (result.wallSeconds * 1000).rounded() / 1000,
            eventsPerSecond: result.eventsPerSecond.rounded(), simulated: true, summary: summary)
        do {
            return try OutputFiles.write([("run.json", OutputFiles.json(record))], to: out)[0]
        } catch {
            let path = URL(fileURLWithPath: out).appendingPathComponent("run.json").path
            Terminal.printToStandardError("\(path): error: cannot write the run record: \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
    }

    private func format(_ seconds: Double) -> String { String(Double(Int((seconds * 100).rounded())) / 100) }
}
