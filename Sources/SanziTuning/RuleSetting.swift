import SanziAlerts
import SanziScenario

/// One rule's setting during tuning: on or off, and its parameters' values.
public struct RuleSetting: Sendable, Hashable {
    public var enabled: Bool
    public var severity: Severity?
    /// Every parameter of the rule with its value, in the catalogue's order.
    public var parameters: [(name: String, value: Double)]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.enabled == rhs.enabled && lhs.severity == rhs.severity
            && lhs.parameters.elementsEqual(rhs.parameters) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(enabled)
        hasher.combine(severity)
        for parameter in parameters {
            hasher.combine(parameter.name)
            hasher.combine(parameter.value)
        }
    }

    /// The setting a rule has under some alert settings: the catalogue's defaults with the
    /// settings' overrides.
    init(_ documentation: RuleDocumentation, in settings: AlertSettings) {
        let override = settings.rules.first { $0.id == documentation.id }
        enabled = override?.enabled ?? true
        severity = override?.severity
        parameters = documentation.parameters.map { ($0.name, override?.parameter($0.name) ?? $0.defaultValue) }
    }

    func with(_ name: String, _ value: Double) -> RuleSetting {
        var copy = self
        copy.parameters = parameters.map { $0.name == name ? (name, value) : $0 }
        return copy
    }

    func value(_ name: String) -> Double? { parameters.first { $0.name == name }?.value }

    /// The rule as a thresholds-file entry.
    func rule(_ id: String) -> AlertSettings.Rule {
        AlertSettings.Rule(
            id: id, enabled: enabled, severity: severity,
            parameters: parameters.map { AlertSettings.Rule.Parameter(name: $0.name, value: $0.value) })
    }
}
