import ArgumentParser
import Foundation
import SanziAlerts
import SanziRun
import SanziScenario

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the alert rules again over a saved event log, without simulating.",
        discussion: """
            Reads RUN_DIR/events.jsonl and applies the rules with RUN_DIR/thresholds.xml (the \
            settings the run used) or with --thresholds FILE. With the run's own thresholds the \
            alerts are byte-identical to the run's: the rules are the same code inline and in \
            replay. The warning system starts as it did in the run, and rules tied to the \
            scenario's policy (listing threshold, cash cap, approval limits…) default to the \
            run's (both recorded in RUN_DIR/thresholds.xml).

            Writes OUT/alerts.csv and OUT/alerts.jsonl (the same columns as `sanzi run`); OUT \
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

    @OptionGroup var replacing: ForceOption

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let started = Date()
        let recorded = try load(runDirectory + "/thresholds.xml")
        var settings = try thresholds.map { try load($0) } ?? recorded
        settings.warningSystem = recorded.warningSystem
        settings.policy = recorded.policy
        let rules = try RunCommand.alertEngine(settings)
        let outcome: Replay.Outcome
        do throws(Replay.Failure) {
            outcome = try Replay.run(
                log: runDirectory + "/events.jsonl", rules: rules, into: out ?? runDirectory + "/replay",
                expectedEvents: loggedEvents(), force: replacing.force)
        } catch {
            Terminal.printToStandardError(error.description)
            switch error {
            case .cannotRead(.cannotOpen): throw ExitStatus.noInput
            case .cannotRead(.malformed): throw ExitStatus.invalidData
            case .cannotWrite: throw ExitStatus.cannotCreate
            }
        }
        guard !quiet else { return }
        let seconds = Date().timeIntervalSince(started)
        let rate = Int(Double(outcome.events) / max(seconds, 1e-9))
        print("replayed      \(outcome.events) events in \(String(format: "%.2f", seconds)) s (\(rate) events/s)")
        print("alerts        \(outcome.alerts.count)")
        for path in outcome.paths { print("wrote         \(path)") }
    }

    /// The events the run record says the run logged, when RUN_DIR has a run.json.
    private func loggedEvents() -> Int? {
        guard let data = FileManager.default.contents(atPath: runDirectory + "/run.json"),
            let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return record["events"] as? Int
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
