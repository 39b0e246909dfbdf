import SanziEvents

/// One integrity rule: it reads log events in time order, keeps bounded state, and raises
/// alerts. Rules see the observable log and nothing else.
public protocol AlertRule: Sendable {
    static var documentation: RuleDocumentation { get }
    /// The event types the rule reads; the engine shows it no others.
    static var reads: [EventType] { get }

    /// Creates the rule with its parameters (every declared parameter is present and in range).
    init(parameters: RuleParameters)

    mutating func observe(_ event: LoggedEvent, _ output: inout AlertOutput)
}

/// A rule's parameter values, defaults filled in.
public struct RuleParameters: Sendable {
    var values: [String: Double]

    public init(_ values: [String: Double]) { self.values = values }

    /// The value of a declared parameter.
    public subscript(_ name: String) -> Double { values[name] ?? .nan }
}

extension AlertRule {
    /// The rule's id, from its documentation.
    public static var id: String { documentation.id }
}
