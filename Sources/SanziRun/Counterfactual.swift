import SanziAlerts
import SanziScenario

extension Scenario {
    /// The same scenario with the early-warning system never running: off from the start and
    /// never switched on by an intervention (whose other changes stay). A run of it with the
    /// same seed is the pair that shows what the warning system changed.
    public var withoutWarningSystem: Scenario {
        var copy = self
        copy.alerts.warningSystem = false
        copy.interventions = interventions.compactMap { intervention in
            var kept = intervention
            kept.changes.removeAll {
                if case .warningSystem = $0 { true } else { false }
            }
            return kept.changes.isEmpty ? nil : kept
        }
        return copy
    }
}
