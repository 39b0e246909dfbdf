import SanziEvents

/// A setting as the log's interventions leave it, village by village: one value everywhere,
/// until a scenario-wide intervention (logged without a village) changes it everywhere or a
/// district's intervention (logged once for each of its villages) changes it there.
struct ValueInForce<Value: Sendable>: Sendable {
    private var everywhere: Value
    private var local = VillageTable<Value?>(empty: nil)

    init(_ value: Value) { everywhere = value }

    /// The value in force in a village.
    subscript(village: Int32) -> Value { local[village] ?? everywhere }

    /// Sets the value in a village, or everywhere for village -1 (which ends every village's own value).
    mutating func set(_ value: Value, in village: Int32) {
        if village < 0 {
            everywhere = value
            local = VillageTable(empty: nil)
        } else {
            local[village] = value
        }
    }

    /// Follows an intervention of one kind: sets its value, read by `value`, where it applies.
    mutating func follow(
        _ record: LogRecord, _ kind: LogRecord.InterventionKind, value: (Int64) -> Value
    ) {
        guard record.type == .intervention, record.interventionKind == kind else { return }
        set(value(record.amount), in: record.village)
    }
}
