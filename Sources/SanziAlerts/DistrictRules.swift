import SanziEvents

/// The rules of an engine whose state is kept per event, deal, village or district
/// (`RuleDocumentation.StateScope`), run inside one district of a run split by district over
/// its records alone. There they raise what they raise in the one engine over the whole log, on
/// the same records (`RuleStateTests`); the engine takes those alerts up in their rules' places
/// (`AlertEngine.observe(_:alongside:)`), and numbers, overrides and escalates them there.
public struct DistrictRules: Sendable {
    /// The engine's rules, every one; only those kept within a district read anything.
    private var rules: [any AlertRule]
    private let readers: RuleReaders
    private var declarations: Declarations

    /// Whether a rule runs within a district alone as over the whole log: its state kept per
    /// event, deal, village or district, not per party (a party may deal in several
    /// districts), and its alerts raised on its villages' own events (not F08's).
    static func keepsWithinADistrict(_ rule: any AlertRule.Type) -> Bool {
        rule.documentation.state != .party && rule.raisesOnItsVillagesEvents
    }

    /// The rules kept within a district among the engine's `rules`, as they stand.
    init(rules: [any AlertRule]) {
        self.rules = rules
        readers = RuleReaders(rules, including: Self.keepsWithinADistrict)
        declarations = Declarations(keeping: readers.kept)
    }

    /// Reads events in order and adds what the rules raised on them, unnumbered, to `raised`.
    mutating func observe(_ events: ArraySlice<LoggedEvent>, into raised: inout [DistrictAlert]) {
        for event in events {
            declarations.read(event)
            Self.show(event, toReadersAmong: &rules, readers, declarations, into: &raised)
            declarations.settle(event)
        }
    }

    /// Shows `event` to the rules that read it, in order, through the array's buffer (as
    /// `AlertEngine` does), each alert with its rule's place.
    private static func show(
        _ event: LoggedEvent, toReadersAmong rules: inout [any AlertRule], _ readers: RuleReaders,
        _ declarations: Declarations, into raised: inout [DistrictAlert]
    ) {
        let places = readers.places(of: event.record.type)
        guard !places.isEmpty else { return }
        var output = AlertOutput()
        rules.withUnsafeMutableBufferPointer { rules in
            for place in places {
                let rule = readers.rule(at: place)
                rules[rule].observe(event, declarations, &output)
                // Most rules raise nothing on most events: an empty list left alone costs no
                // retain of its buffer, nor a check that it is not shared.
                guard !output.alerts.isEmpty else { continue }
                for alert in output.alerts { raised.append(DistrictAlert(event: event.id, place: rule, alert: alert)) }
                output.alerts.removeAll(keepingCapacity: true)
            }
        }
    }
}

/// An alert a district's rules raised, with the event it was raised on and the place of its
/// rule among the engine's.
public struct DistrictAlert: Sendable {
    /// The event's id: the district's own, then the merged log's.
    public var event: UInt64
    /// The rule's index among the engine's rules.
    public var place: Int
    public var alert: Alert
}
