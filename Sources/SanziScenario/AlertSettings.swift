import SanziEvents

/// Alert severities are part of the event vocabulary; scenarios name them too.
public typealias Severity = SanziEvents.Severity

/// Alert rule settings: from a scenario's `<alerts>` section or from a thresholds file.
///
/// Rules not listed keep the catalogue's defaults.
public struct AlertSettings: Hashable, Sendable, Codable {
    /// One rule's overrides.
    public struct Rule: Hashable, Sendable, Codable {
        public struct Parameter: Hashable, Sendable, Codable {
            public var name: String
            public var value: Double
            public var location: SourceLocation

            public init(name: String, value: Double, location: SourceLocation = .generated) {
                self.name = name
                self.value = value
                self.location = location
            }
        }
        public var id: String
        public var enabled: Bool
        public var severity: Severity?
        public var parameters: [Parameter]
        public var location: SourceLocation

        public init(
            id: String, enabled: Bool = true, severity: Severity? = nil, parameters: [Parameter] = [],
            location: SourceLocation = .generated
        ) {
            self.id = id
            self.enabled = enabled
            self.severity = severity
            self.parameters = parameters
            self.location = location
        }

        /// The value given for a parameter, if any.
        public func parameter(_ name: String) -> Double? { parameters.first { $0.name == name }?.value }
    }

    /// How signals on one subject combine.
    public struct Escalation: Hashable, Sendable, Codable {
        /// Signals that combine into one: at least two make a pattern, and beyond a hundred
        /// no subject ever escalates.
        public static let countBounds = 1...100
        /// The window they count in: a day to ten years.
        public static let windowBounds = 1...3_650

        public var yellowToOrange = 4
        public var orangeToRed = 3
        public var windowDays = 365

        public init(yellowToOrange: Int = 4, orangeToRed: Int = 3, windowDays: Int = 365) {
            self.yellowToOrange = yellowToOrange
            self.orangeToRed = orangeToRed
            self.windowDays = windowDays
        }
    }

    /// Whether the warning system runs from the start.
    public var warningSystem = true
    public var rules: [Rule] = []
    public var escalation = Escalation()
    /// The scenario's rules that parameters tied to them default to (`RulePolicy`): set from
    /// the scenario, or from a run's recorded thresholds file for replay.
    public var policy = RulePolicy()

    public init(
        warningSystem: Bool = true, rules: [Rule] = [], escalation: Escalation = Escalation(),
        policy: RulePolicy = RulePolicy()
    ) {
        self.warningSystem = warningSystem
        self.rules = rules
        self.escalation = escalation
        self.policy = policy
    }

    /// These settings deployed in `scenario`: its warning system's start and its policy, as
    /// `sanzi run --thresholds` and `sanzi tune` use a thresholds file.
    public func deployed(in scenario: Scenario) -> AlertSettings {
        var copy = self
        copy.warningSystem = scenario.alerts.warningSystem
        copy.policy = scenario.alerts.policy
        return copy
    }
}
