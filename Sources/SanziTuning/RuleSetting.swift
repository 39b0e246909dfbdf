import SanziAlerts
import SanziScenario

/// One rule's setting during tuning: on or off, and its parameters' values.
public struct RuleSetting: Sendable, Hashable {
    public var enabled: Bool
    public var severity: Severity?
    /// Every parameter of the rule with its value, in the catalogue's order.
    public var parameters: [AlertSettings.Rule.Parameter]

    /// The setting a rule has under some alert settings: the settings' overrides, else the
    /// defaults under their policy.
    init(_ documentation: RuleDocumentation, in settings: AlertSettings) {
        let override = settings.rules.first { $0.id == documentation.id }
        enabled = override?.enabled ?? true
        severity = override?.severity
        parameters = documentation.parameters.map {
            .init(name: $0.name, value: override?.parameter($0.name) ?? $0.defaultValue(under: settings.policy))
        }
    }

    func with(_ name: String, _ value: Double) -> RuleSetting {
        var copy = self
        copy.parameters = parameters.map { $0.name == name ? .init(name: name, value: value) : $0 }
        return copy
    }

    func value(_ name: String) -> Double? { parameters.first { $0.name == name }?.value }

    /// The rule as a thresholds-file entry.
    func rule(_ id: String) -> AlertSettings.Rule {
        AlertSettings.Rule(id: id, enabled: enabled, severity: severity, parameters: parameters)
    }
}
