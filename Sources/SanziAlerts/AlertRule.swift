import SanziEvents

/// One integrity rule: it reads log events in time order, keeps bounded state, and raises
/// alerts. Rules see the observable log and nothing else.
public protocol AlertRule: Sendable {
    static var documentation: RuleDocumentation { get }
    /// The event types the rule reads; the engine shows it no others.
    static var reads: [EventType] { get }

    /// Creates the rule with its parameters (every declared parameter is present and in range).
    init(parameters: RuleParameters)

    /// Whether the rule reads `Declarations` (offices, declared kin, owners of bidders): the
    /// engine then keeps them, once for all such rules. Most rules do not.
    static var readsDeclarations: Bool { get }

    /// Whether the rule raises each alert while it reads an event of the alert's own village,
    /// as nearly all do. F08 does not: a payment's grace ends at the first payment or receipt
    /// of any village after it, so its alerts keep the whole log's days, and it runs in the
    /// run's engine even in a run split by district (`DistrictRules`).
    static var raisesOnItsVillagesEvents: Bool { get }

    /// Whether the rule reads the bids made on the listing whose award it reads
    /// (`Declarations.bids(on:)`): the engine then keeps them, once for all such rules.
    static var readsBids: Bool { get }

    /// Reads one event of a type in `reads`; `declarations` are what the log has declared up to
    /// it (empty unless `readsDeclarations`) and the bids on listings not yet awarded (none
    /// unless `readsBids`).
    mutating func observe(_ event: LoggedEvent, _ declarations: Declarations, _ output: inout AlertOutput)

    /// The alert in plain words for a report: what was seen, against what was expected.
    /// `roleOf` names the office a person holds or held ("director").
    static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String

    /// Tells adaptive offenders what the rule, with these parameters, lets pass (the values
    /// they stay under). Most rules tell nothing.
    static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge)
}

/// A rule's parameter values: the settings' overrides over the declared defaults.
///
/// Rules read a value through the declaration itself (`parameters[Self.windowDays]`), so a
/// misspelt parameter does not compile, and one left out of a settings file has its default.
public struct RuleParameters: Sendable {
    var values: [String: Double]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    /// The value of a parameter: the one set, or its default.
    public subscript(_ parameter: RuleDocumentation.Parameter) -> Double {
        values[parameter.name] ?? parameter.defaultValue
    }
}

extension AlertRule {
    /// The rule's id, from its documentation.
    public static var id: String { documentation.id }

    public static var readsDeclarations: Bool { false }

    public static var readsBids: Bool { false }

    public static var raisesOnItsVillagesEvents: Bool { true }

    /// What the rule needs `Declarations` to keep.
    static var kept: Declarations.Kept {
        var kept: Declarations.Kept = []
        if readsDeclarations { kept.insert(.declared) }
        if readsBids { kept.insert(.bids) }
        return kept
    }

    public static func disclose(_ parameters: RuleParameters, to knowledge: inout OffenderKnowledge) {}

    /// Runs the rule alone over `events`, in order, as the engine shows them to it (each event
    /// of a type in `reads`, with the declarations up to it), and returns what it raised,
    /// unnumbered: no escalation, overrides or warning-system switch. For a rule on its own.
    public mutating func raised(over events: some Sequence<LoggedEvent>) -> [Alert] {
        raisedWithTheirEvents(over: events).map(\.alert)
    }

    /// What `raised(over:)` returns, each alert with the event the rule was reading when it
    /// raised it.
    public mutating func raisedWithTheirEvents(
        over events: some Sequence<LoggedEvent>
    ) -> [(alert: Alert, event: LoggedEvent)] {
        var output = AlertOutput()
        var raised: [(alert: Alert, event: LoggedEvent)] = []
        var declarations = Declarations(keeping: Self.kept)
        for event in events {
            declarations.read(event)
            if Self.reads.contains(event.record.type) {
                observe(event, declarations, &output)
                raised += output.alerts.map { ($0, event) }
                output.alerts.removeAll(keepingCapacity: true)
            }
            declarations.settle(event)
        }
        return raised
    }
}
