import ArgumentParser
import Foundation
import SanziAlerts
import SanziEvents
import SanziScenario

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the alert rules again over a saved event log, without simulating.",
        discussion: """
            Reads RUN_DIR/events.jsonl and applies the rules with RUN_DIR/thresholds.xml (the \\
            settings the run used) or with --thresholds FILE. With the run's own thresholds the \\
            alerts are byte-identical to the run's: the rules are the same code inline and in \\
            replay. The warning system starts as it did in the run (RUN_DIR/thresholds.xml).

            Writes OUT/alerts.csv and OUT/alerts.jsonl (the same columns as `sanzi run`); OUT \\
            defaults to RUN_DIR/replay.

            Examples:
              sanzi run Scenarios/default.xml --out out/base
              sanzi replay out/base
              sanzi replay out/base --thresholds strict.xml --out out/strict
            """
    )

    @Argument(help: ArgumentHelp("A folder written by `sanzi run`.", valueName: "run-dir"))
    var runDirectory: String

    @Option(help: ArgumentHelp("A thresholds file to use instead of the run's.", valueName: "file"))
    var thresholds: String?

    @Option(help: ArgumentHelp("Folder for the alerts (default RUN_DIR/replay).", valueName: "dir"))
    var out: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let started = Date()
        let recorded = try load(runDirectory + "/thresholds.xml")
        var settings = try thresholds.map { try load($0) } ?? recorded
        settings.warningSystem = recorded.warningSystem
        let engine = try RunCommand.alertEngine(settings)
        let folder = out ?? runDirectory + "/replay"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            Terminal.printToStandardError(
                "\(folder): error: cannot create the output folder: \(error.localizedDescription)")
            throw ExitStatus.cannotCreate
        }
        var events = 0
        var reader = try openLog()
        // The rules take the events on a second thread while this one parses the log.
        let rules = AlertCollector(engine: engine)
        let pipeline = PipelineSink(rules)
        do throws(EventLogReader.ReadError) {
            while let event = try reader.next() {
                events += 1
                pipeline.accept(event)
            }
        } catch {
            pipeline.finish()
            Terminal.printToStandardError(error.description)
            throw ExitStatus.invalidData
        }
        pipeline.finish()
        let alerts = rules.alerts
        let start =
            reader.firstDate.flatMap { first in
                CalendarDate(iso: first.date[...]).map { $0.adding(days: -Int(first.day)) }
            } ?? CalendarDate(year: 2000, month: 1, day: 1)!
        do throws(EventLogWriter.WriteError) {
            let writer = try AlertWriter(
                folder: folder, villageIDs: reader.villageIDs, dateOfDay: { start.adding(days: Int($0)).description })
            for alert in alerts { writer.write(alert) }
            writer.flush()
        } catch {
            Terminal.printToStandardError(error.description)
            throw ExitStatus.cannotCreate
        }
        if !quiet {
            let seconds = Date().timeIntervalSince(started)
            print(
                "replayed      \(events) events in \(String(format: "%.2f", seconds)) s (\(Int(Double(events) / max(seconds, 1e-9))) events/s)"
            )
            print("alerts        \(alerts.count)")
            print("wrote         \(folder)/alerts.csv")
            print("wrote         \(folder)/alerts.jsonl")
        }
    }

    private func openLog() throws -> EventLogReader {
        do throws(EventLogReader.ReadError) {
            return try EventLogReader(path: runDirectory + "/events.jsonl")
        } catch {
            Terminal.printToStandardError(error.description)
            throw ExitStatus.noInput
        }
    }

    private func load(_ path: String) throws -> AlertSettings {
        do throws(ScenarioError) {
            return try ScenarioLoader.loadThresholds(contentsOf: path).value
        } catch {
            Terminal.printError(error)
            throw error.exitStatus
        }
    }
}
