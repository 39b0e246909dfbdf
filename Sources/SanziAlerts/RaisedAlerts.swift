import SanziEngine
import SanziEvents

/// The alerts of a run, kept compactly until the run's evaluation and report have read them:
/// a random-access collection of `Alert`, in the order they were raised.
///
/// An `Alert` is 96 bytes with up to three arrays of its own (evidence, values, combined
/// alerts), each a heap allocation: 12,000 villages over five years raise 606,422 alerts,
/// which held that way took about 136 MB at the run's peak (massif: 96 MB of array, 40 of
/// their own arrays). Here each alert is one 48-byte row, its lists share pools, its rule and
/// value names are small numbers, its id is its position unless told otherwise, and nothing
/// grows by doubling (`ChunkedArray`): about 70 bytes an alert, 40 MB at that size. Reading an
/// element builds the `Alert` again, the same value that was appended.
///
/// A run may hold up to 4,294,967,295 evidence entries and combined ids, and as many values
/// (alerts carry 1.6 and 1.0 on average: 50 times what China's half a million villages would
/// raise in ten years).
public struct RaisedAlerts: RandomAccessCollection, Sendable, Equatable {
    /// One alert without its lists; each list ends where the row says and starts where the
    /// previous row's ends.
    struct Row: Sendable, Equatable {
        var score: Double
        var threshold: Double
        var subjectID: Int64
        var evidenceEnd: UInt32
        var valuesEnd: UInt32
        var combinesEnd: UInt32
        var day: Int32
        var village: Int32
        var rule: UInt16
        var severity: Severity
        var subjectKind: SubjectKind
    }

    enum SubjectKind: UInt8, Sendable {
        case listing, contract, bidder, village
    }

    private(set) var rows = ChunkedArray<Row>()
    /// Each alert's id, once one is not its position + 1 (the engine's numbering); nil before.
    private var ids: [UInt64]?
    /// The distinct rule ids and value names, in order of first appearance; rows and values
    /// hold positions here (`AlertSpool` numbers them the same way, and hands its own over).
    var rules: [String] = []
    var names: [String] = []
    /// The alerts' lists, one after another; each row holds where its own lists end.
    var evidence = ChunkedArray<UInt64>()
    var valueNames = ChunkedArray<UInt16>()
    var valueNumbers = ChunkedArray<Double>()
    var combines = ChunkedArray<UInt64>()

    public init() {}

    /// The alerts of `alerts`, in their order.
    public init(_ alerts: some Sequence<Alert>) { append(contentsOf: alerts) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> Alert {
        let row = rows[position]
        let values = range(position) { $0.valuesEnd }
        var alert = Alert(
            rule: rules[Int(row.rule)], severity: row.severity, day: row.day, village: row.village,
            subject: Self.subject(row.subjectKind, row.subjectID), score: row.score, threshold: row.threshold,
            evidence: evidence[range(position) { $0.evidenceEnd }],
            values: values.map { Alert.Value(names[Int(valueNames[$0])], valueNumbers[$0]) })
        alert.id = id(at: position)
        alert.combines = combines[range(position) { $0.combinesEnd }]
        return alert
    }

    /// Adds `alert` after the others.
    public mutating func append(_ alert: Alert) {
        evidence.append(contentsOf: alert.evidence)
        for value in alert.values {
            valueNames.append(Self.number(of: value.name, in: &names))
            valueNumbers.append(value.value)
        }
        combines.append(contentsOf: alert.combines)
        let (kind, subjectID) = Self.parts(alert.subject)
        appendRow(
            id: alert.id, score: alert.score, threshold: alert.threshold, subjectID: subjectID, day: alert.day,
            village: alert.village, rule: Self.number(of: alert.rule, in: &rules), severity: alert.severity,
            subjectKind: kind)
    }

    /// Adds the alert at `position` of `other` after the others, numbered `id`, without building
    /// it as an `Alert`.
    public mutating func append(_ position: Int, of other: RaisedAlerts, id: UInt64) {
        let row = other.rows[position]
        for entry in other.range(position, \.evidenceEnd) { evidence.append(other.evidence[entry]) }
        for value in other.range(position, \.valuesEnd) {
            valueNames.append(Self.number(of: other.names[Int(other.valueNames[value])], in: &names))
            valueNumbers.append(other.valueNumbers[value])
        }
        for combined in other.range(position, \.combinesEnd) { combines.append(other.combines[combined]) }
        appendRow(
            id: id, score: row.score, threshold: row.threshold, subjectID: row.subjectID, day: row.day,
            village: row.village, rule: Self.number(of: other.rules[Int(row.rule)], in: &rules),
            severity: row.severity, subjectKind: row.subjectKind)
    }

    /// Adds the row of an alert whose lists were the last added to the pools.
    mutating func appendRow(
        id: UInt64, score: Double, threshold: Double, subjectID: Int64, day: Int32, village: Int32, rule: UInt16,
        severity: Severity, subjectKind: SubjectKind
    ) {
        if ids == nil && id != UInt64(rows.count + 1) { ids = (0..<rows.count).map { UInt64($0 + 1) } }
        ids?.append(id)
        rows.append(
            Row(
                score: score, threshold: threshold, subjectID: subjectID, evidenceEnd: Self.end(evidence.count),
                valuesEnd: Self.end(valueNames.count), combinesEnd: Self.end(combines.count), day: day,
                village: village, rule: rule, severity: severity, subjectKind: subjectKind))
    }

    /// Adds `alerts` after the others, in their order.
    public mutating func append(contentsOf alerts: some Sequence<Alert>) {
        for alert in alerts { append(alert) }
    }

    /// The events behind the alert at `position`: its evidence, or for an escalation (which has
    /// none of its own) the events behind the alerts it combines, escalations of escalations
    /// too. A combined id that is not among the alerts before it adds nothing.
    public func events(of alert: Int) -> [UInt64] {
        var events: [UInt64] = []
        forEachEvent(of: alert) { events.append($0) }
        return events
    }

    /// Calls `body` with each of `events(of: alert)` in turn, without gathering them.
    public func forEachEvent(of alert: Int, _ body: (UInt64) -> Void) {
        let own = range(alert) { $0.evidenceEnd }
        guard own.isEmpty else {
            for entry in own { body(evidence[entry]) }
            return
        }
        for combined in range(alert, \.combinesEnd) {
            if let position = position(of: combines[combined]), position < alert { forEachEvent(of: position, body) }
        }
    }

    /// The position of the first alert with `id`, if any.
    public func position(of id: UInt64) -> Int? {
        guard let ids else { return id >= 1 && id <= UInt64(rows.count) ? Int(id) - 1 : nil }
        return ids.firstIndex(of: id)
    }

    /// The id of the alert at `position`.
    public func id(at position: Int) -> UInt64 { ids?[position] ?? UInt64(position + 1) }

    /// The severity of the alert at `position`, without building the alert.
    public func severity(at position: Int) -> Severity { rows[position].severity }

    /// The day of the alert at `position`, without building the alert.
    public func day(at position: Int) -> Int32 { rows[position].day }

    /// The village of the alert at `position` (-1 for none), without building the alert.
    public func village(at position: Int) -> Int32 { rows[position].village }

    /// The subject of the alert at `position`, without building the alert.
    public func subject(at position: Int) -> AlertSubject {
        Self.subject(rows[position].subjectKind, rows[position].subjectID)
    }

    /// The rule of the alert at `position`, without building the alert.
    public func rule(at position: Int) -> String { rules[Int(rows[position].rule)] }

    /// The rules that raised the alerts, each once, in the order they first did.
    public var ruleIDs: [String] { rules }

    /// The position in `ruleIDs` of the rule of the alert at `position`: for counting by rule
    /// without hashing its id.
    public func ruleNumber(at position: Int) -> Int { Int(rows[position].rule) }

    /// The pool positions of one of the row's lists: from the previous row's end to its own.
    func range(_ position: Int, _ end: (Row) -> UInt32) -> Range<Int> {
        (position == 0 ? 0 : Int(end(rows[position - 1])))..<Int(end(rows[position]))
    }

    /// A pool's end as a row keeps it.
    private static func end(_ count: Int) -> UInt32 {
        guard let end = UInt32(exactly: count) else {
            preconditionFailure("more than \(UInt32.max) evidence entries, values or combined ids in one run")
        }
        return end
    }

    /// The position of `text` among `known`, added at the end if new. Rule ids and value
    /// names are a few dozen, declared by the rules.
    static func number(of text: String, in known: inout [String]) -> UInt16 {
        if let position = known.firstIndex(of: text) { return UInt16(position) }
        known.append(text)
        return UInt16(known.count - 1)
    }

    static func parts(_ subject: AlertSubject) -> (SubjectKind, Int64) {
        switch subject {
        case .listing(let id): (.listing, id)
        case .contract(let id): (.contract, id)
        case .bidder(let id): (.bidder, id)
        case .village: (.village, 0)
        }
    }

    static func subject(_ kind: SubjectKind, _ id: Int64) -> AlertSubject {
        switch kind {
        case .listing: .listing(id)
        case .contract: .contract(id)
        case .bidder: .bidder(id)
        case .village: .village
        }
    }
}
