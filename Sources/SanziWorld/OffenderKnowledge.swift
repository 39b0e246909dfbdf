/// What corrupt actors know of the deployed alert rules: each parameter's value, keyed
/// `RULE.parameter` (for example `P02.window-days`). Adaptive offenders shape their acts to stay
/// under these values; the world never runs the rules itself.
public struct OffenderKnowledge: Sendable, Hashable {
    public var thresholds: [String: Double]

    public init(thresholds: [String: Double] = [:]) { self.thresholds = thresholds }

    /// A deployed parameter, or `fallback` when the rule is off or unknown.
    public func value(_ rule: String, _ parameter: String, or fallback: Double) -> Double {
        thresholds["\(rule).\(parameter)"] ?? fallback
    }
}
