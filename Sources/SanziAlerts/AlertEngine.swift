import SanziEvents
import SanziScenario

/// Runs the rules over log events in time order, applies severity overrides, the warning
/// system switch and escalation, and numbers the alerts. The same code runs inline during a
/// run (as an event sink) and in replay over a saved log.
public struct AlertEngine {
    /// The settings the engine was built with.
    public let settings: AlertSettings
    var rules: [any AlertRule]
    /// For each event type, the rules that read it.
    var readers: RuleReaders
    let severityOverrides: [String: Severity]
    var escalation: Escalator
    /// What the log has declared, and the open listings' bids, kept once for the rules that
    /// read them (nothing when none does).
    var declarations: Declarations
    /// Where the warning system runs: alerts in other villages are not raised.
    var warningSystem: ValueInForce<Bool>
    var nextID: UInt64 = 1

    public init(settings: AlertSettings) throws(ConfigurationError) {
        self.settings = settings
        switch RuleCatalogue.configure(settings) {
        case .success(let rules): self.rules = rules
        case .failure(let error): throw error
        }
        readers = RuleReaders(rules)
        severityOverrides = Dictionary(
            uniqueKeysWithValues: settings.rules.compactMap { rule in rule.severity.map { (rule.id, $0) } })
        escalation = Escalator(settings.escalation)
        declarations = Declarations(keeping: readers.kept)
        warningSystem = ValueInForce(settings.warningSystem)
    }

    /// Hands the rules whose state is kept per event, deal, village or district to the
    /// districts of a run split by district, where each district's copy reads its records
    /// alone (`DistrictRules`), and keeps the others, which follow parties across districts.
    /// What the districts' rules raise comes back through `observe(_:alongside:)`; `reads` are
    /// then the kept rules'. Before the engine reads any event.
    public mutating func handOverDistrictRules() -> DistrictRules {
        let district = DistrictRules(rules: rules)
        readers = RuleReaders(rules) { !DistrictRules.keepsWithinADistrict($0) }
        declarations = Declarations(keeping: readers.kept)
        return district
    }

    /// The same rules with the warning system off from the start (an intervention in the log
    /// may still switch it on).
    public var switchedOff: AlertEngine {
        var copy = self
        copy.warningSystem = ValueInForce(false)
        return copy
    }

    /// The event types that can change what the engine raises: those its rules read, the
    /// interventions (which switch the warning system) and, when a rule reads them, the
    /// declarations. Shown these alone, in order, it raises what it raises over the whole log
    /// (tuning's replays read no others).
    public var reads: Set<EventType> {
        var types: Set<EventType> = [.intervention]
        for type in EventType.allCases where readers.anyReads(type) { types.insert(type) }
        types.formUnion(declarations.reads)
        return types
    }

    /// The ids of the rules that run.
    public var ruleIDs: [String] { rules.map { Swift.type(of: $0).documentation.id } }

    /// Reads one event; returns the alerts it raised, numbered, escalations after them.
    public mutating func observe(_ event: LoggedEvent) -> [Alert] {
        observe(event) { engine, output in
            Self.show(event, toReadersAmong: &engine.rules, engine.readers, engine.declarations, &output)
        }
    }

    /// Reads one event as `observe(_:)` does, once the district rules are handed over
    /// (`handOverDistrictRules()`): what they raised on it comes `alongside`, in their places.
    public mutating func observe(_ event: LoggedEvent, alongside district: ArraySlice<DistrictAlert>) -> [Alert] {
        observe(event) { engine, output in
            Self.show(
                event, toReadersAmong: &engine.rules, engine.readers, engine.declarations, &output, among: district)
        }
    }

    /// Reads one event, `show` running the rules over it; returns what they raised, numbered.
    @inline(__always)
    private mutating func observe(_ event: LoggedEvent, show: (inout Self, inout AlertOutput) -> Void) -> [Alert] {
        let record = event.record
        warningSystem.follow(record, .warningSystem) { $0 != 0 }
        declarations.read(event)
        var output = AlertOutput()
        show(&self, &output)
        declarations.settle(event)
        guard !output.alerts.isEmpty else { return [] }
        var raised: [Alert] = []
        for var alert in output.alerts where warningSystem[alert.village] {
            if let severity = severityOverrides[alert.rule] { alert.severity = severity }
            alert.id = nextID
            let escalations = escalation.escalations(of: alert)
            raised.append(alert)
            raised += escalations
            nextID += 1 + UInt64(escalations.count)
        }
        return raised
    }

    /// Shows `event` to the rules that read it, in order. Through the array's buffer: an
    /// element changed through the array checked that the array was not shared at every call,
    /// 1.3% of bench-large's samples; here once an event.
    private static func show(
        _ event: LoggedEvent, toReadersAmong rules: inout [any AlertRule], _ readers: RuleReaders,
        _ declarations: Declarations, _ output: inout AlertOutput
    ) {
        let places = readers.places(of: event.record.type)
        guard !places.isEmpty else { return }
        rules.withUnsafeMutableBufferPointer { rules in
            for place in places { rules[readers.rule(at: place)].observe(event, declarations, &output) }
        }
    }

    /// Shows `event` to the rules that read it, as above, what the district rules `raised` on
    /// it among their alerts in its rules' places.
    private static func show(
        _ event: LoggedEvent, toReadersAmong rules: inout [any AlertRule], _ readers: RuleReaders,
        _ declarations: Declarations, _ output: inout AlertOutput, among raised: ArraySlice<DistrictAlert>
    ) {
        var next = raised.startIndex
        rules.withUnsafeMutableBufferPointer { rules in
            for place in readers.places(of: event.record.type) {
                let rule = readers.rule(at: place)
                while next < raised.endIndex, raised[next].place < rule {
                    output.raise(raised[next].alert)
                    next += 1
                }
                rules[rule].observe(event, declarations, &output)
            }
        }
        for each in raised[next...] { output.raise(each.alert) }
    }

    /// Lets go of what the rules remember (their state, the declarations, the escalator's
    /// signals) once the log has ended; events read after raise nothing. A run's rules hold
    /// about 100 MB at 12,000 villages, which the run's ground truth may then use.
    public mutating func forget() {
        rules = []
        readers = .none
        declarations = Declarations()
        escalation = Escalator(settings.escalation)
    }
}
