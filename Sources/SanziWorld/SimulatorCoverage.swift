import SanziScenario

/// Which parts of the scenario vocabulary the simulator acts on today.
///
/// The vocabulary is defined ahead of the simulator; a section the simulator does not use yet
/// must be reported, never silently ignored. Each simulator issue moves its sections into
/// `simulated` as it lands.
public enum SimulatorCoverage {
    /// Sections the simulator uses.
    public static let simulated: Set<ScenarioSection> = [
        .geography, .profiles, .bidders, .platform, .finance, .oversight, .interventions, .output,
    ]

    /// One warning for each section a scenario writes that the simulator does not use yet.
    public static func warnings(for scenario: Scenario) -> [Diagnostic] {
        scenario.sections
            .filter { !simulated.contains($0.key) }
            .sorted { $0.value < $1.value }
            .map { section, location in
                Diagnostic(
                    .warning, at: location,
                    "<\(section.rawValue)> is accepted but not simulated yet; this run ignores it")
            }
    }
}
