import SanziAlerts
import SanziScenario

/// Scenario and thresholds files through the loader and the rule catalogue's checks.
enum ReaderHarness {
    static func scenario(_ bytes: [UInt8]) {
        guard let loaded = try? ScenarioLoader.loadScenario(bytes: bytes, path: "fuzz.xml") else { return }
        _ = RuleCatalogue.problems(in: loaded.value)
        _ = ResourceEstimate(loaded.value)
    }

    static func document(_ bytes: [UInt8]) {
        guard let loaded = try? ScenarioLoader.loadDocument(bytes: bytes, path: "fuzz.xml") else { return }
        switch loaded.value {
        case .scenario(let scenario): _ = RuleCatalogue.problems(in: scenario)
        case .thresholds(let settings): _ = RuleCatalogue.configure(settings)
        case .calibration: break
        }
    }
}
