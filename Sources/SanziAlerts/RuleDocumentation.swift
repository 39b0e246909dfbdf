import SanziScenario

/// A rule's documentation: printed by `sanzi rules`, checked against thresholds files.
public struct RuleDocumentation: Sendable {
    /// The catalogue's groups.
    public enum Group: String, Sendable, CaseIterable {
        case platform = "platform process"
        case price
        case competition = "competition and collusion"
        case relations
        case lifecycle = "contract lifecycle"
        case funds
        case oversight = "oversight signals"
        /// Alerts combined into a stronger one (E01, E02), not a rule over the log.
        case escalation
    }

    /// How a stateless rule's decision depends on a parameter: the alert's score is compared
    /// with the parameter's value `v` alone, so one replay at the most permissive value holds
    /// every alert of every other value (a tuning curve in one pass).
    public enum Monotone: Sendable {
        /// Raised when score < v.
        case scoreBelow
        /// Raised when score > v.
        case scoreAbove
        /// Raised when score ≤ v.
        case scoreAtMost
        /// Raised when score < 1 − v.
        case scoreBelowOneMinus

        /// Whether an alert with this score is raised at the value.
        public func raises(_ score: Double, at value: Double) -> Bool {
            switch self {
            case .scoreBelow: score < value
            case .scoreAbove: score > value
            case .scoreAtMost: score <= value
            case .scoreBelowOneMinus: score < 1 - value
            }
        }

        /// The value in a range that raises the most alerts.
        public func mostPermissive(in range: ClosedRange<Double>) -> Double {
            switch self {
            case .scoreBelow, .scoreAtMost: range.upperBound
            case .scoreAbove, .scoreBelowOneMinus: range.lowerBound
            }
        }
    }

    /// What a rule's state is kept for: how much of the log one decision may look back on.
    public enum StateScope: String, Sendable, CaseIterable {
        /// Nothing: each event is judged on its own.
        case event
        /// Each listing, contract or register item on its own (each belongs to one village).
        case deal
        /// Each village on its own.
        case village
        /// Each district on its own (its villages' deals together).
        case district
        /// Each bidder, payee or counterparty across every village it deals with: its pool's
        /// district, or every district for a city-wide pool.
        case party

        /// What `sanzi rules ID` prints.
        public var meaning: String {
            switch self {
            case .event: "none: each event is judged on its own"
            case .deal: "per listing, contract or register item (one village's)"
            case .village: "per village"
            case .district: "per district (its villages together)"
            case .party: "per bidder, payee or counterparty, across every village it deals with"
            }
        }
    }

    /// One tunable parameter.
    public struct Parameter: Sendable {
        public var name: String
        public var defaultValue: Double
        public var range: ClosedRange<Double>
        public var meaning: String
        /// Set when the rule's decision is a plain comparison of its score with this value.
        public var monotone: Monotone?
        /// The scenario's rule the value defaults to, if it is tied to one: `defaultValue`
        /// is then the catalogue's value, which is also the scenario language's default.
        public var policy: RulePolicy.Item?

        public init(
            _ name: String, default defaultValue: Double, range: ClosedRange<Double>, _ meaning: String,
            monotone: Monotone? = nil, policy: RulePolicy.Item? = nil
        ) {
            self.name = name
            self.defaultValue = defaultValue
            self.range = range
            self.meaning = meaning
            self.monotone = monotone
            self.policy = policy
        }

        /// The value when the settings do not set it: under a scenario's policy, the policy's
        /// value within the range (an approval limit that covers every amount is the range's
        /// top) for a parameter tied to it; else the catalogue's default.
        public func defaultValue(under scenarioPolicy: RulePolicy) -> Double {
            guard let policy else { return defaultValue }
            let value = scenarioPolicy[policy] ?? range.upperBound
            return min(max(value, range.lowerBound), range.upperBound)
        }
    }

    public var id: String
    public var name: String
    public var group: Group
    /// What the rule detects and why it matters.
    public var detects: String
    /// How its result maps to yellow, orange or red.
    public var severity: String
    /// The public source of the idea.
    public var source: String
    /// How far what the rule remembers reaches: what a run split by district must keep together.
    public var state: StateScope
    public var parameters: [Parameter]
    /// The misconduct typologies the rule is aimed at (docs/cases.md lists them too).
    public var targets: [Typology] = []
    /// Orders the parameters' values must keep, checked with each thresholds file and kept by
    /// the tuner.
    public var orderings: [Ordering] = []

    /// Two parameters whose values must keep an order: `lower` below `upper`, or at most it.
    public struct Ordering: Sendable {
        public var lower: String
        public var upper: String
        public var allowsEqual: Bool
        /// Why, in words that follow "because".
        public var reason: String

        public init(_ lower: Parameter, below upper: Parameter, orEqual allowsEqual: Bool = false, _ reason: String) {
            self.lower = lower.name
            self.upper = upper.name
            self.allowsEqual = allowsEqual
            self.reason = reason
        }

        /// Whether values (by parameter name) keep the order.
        public func holds(_ value: (String) -> Double?) -> Bool {
            guard let low = value(lower), let high = value(upper) else { return true }
            return allowsEqual ? low <= high : low < high
        }
    }

    /// The full text `sanzi rules ID` prints.
    public var text: String {
        var lines = [
            "\(id) — \(name) (\(group.rawValue))", "", detects, "", "Severity: \(severity)", "Source: \(source)",
            "State kept: \(state.meaning)",
            "Aimed at: "
                + (targets.isEmpty ? "no typology in particular" : targets.map(\.rawValue).joined(separator: ", ")),
        ]
        if parameters.isEmpty {
            lines += ["", "Parameters: none"]
        } else {
            lines += ["", "Parameters:"]
            for parameter in parameters {
                lines.append(
                    "  \(parameter.name) = \(Self.format(parameter.defaultValue))  "
                        + "(\(Self.format(parameter.range.lowerBound))…\(Self.format(parameter.range.upperBound)))  \(parameter.meaning)"
                )
                if let policy = parameter.policy {
                    lines.append("      unless set: the scenario's \(policy.meaning), \(policy.source)")
                }
            }
            for ordering in orderings {
                lines.append(
                    "  \(ordering.lower) \(ordering.allowsEqual ? "≤" : "<") \(ordering.upper): \(ordering.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
