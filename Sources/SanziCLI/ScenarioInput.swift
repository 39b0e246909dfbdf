import SanziAlerts
import SanziScenario
import SanziWorld

/// Loading the files commands take, with errors printed and turned into exit statuses.
enum ScenarioInput {
    /// The scenario at `file`, or the built-in default; its warnings (and what the simulator
    /// ignores) are printed unless `quiet`.
    static func load(_ file: String?, quiet: Bool) throws -> Scenario {
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
        let problems = RuleCatalogue.problems(in: loaded.value)
        guard problems.isEmpty else {
            Terminal.printDiagnostics(problems)
            throw ExitStatus.invalidData
        }
        if !quiet { Terminal.printDiagnostics(loaded.warnings + SimulatorCoverage.warnings(for: loaded.value)) }
        return loaded.value
    }

    /// A thresholds file's settings.
    static func loadThresholds(_ path: String, quiet: Bool) throws -> AlertSettings {
        do throws(ScenarioError) {
            let loaded = try ScenarioLoader.loadThresholds(contentsOf: path)
            if !quiet { Terminal.printDiagnostics(loaded.warnings) }
            return loaded.value
        } catch {
            Terminal.printError(error)
            throw error.exitStatus
        }
    }
}
